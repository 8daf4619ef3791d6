package io.drip.journey.message;

import io.drip.contracts.SendCommand;
import java.util.List;

/** A message text ready to send, with the short links it contains. */
public record RenderedMessage(String text, List<SendCommand.Link> links) {
}
