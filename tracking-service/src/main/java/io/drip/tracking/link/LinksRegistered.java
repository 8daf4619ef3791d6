package io.drip.tracking.link;

import java.util.List;

/** A CDI event: these codes' links are committed, so they redirect from now on. */
public record LinksRegistered(List<String> codes) {
}
