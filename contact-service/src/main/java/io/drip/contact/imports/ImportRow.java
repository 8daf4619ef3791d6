package io.drip.contact.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One valid CSV row: the contact id, the traits to merge, and consent decisions by
 * "channel.category" (from columns such as {@code consent.sms.marketing}).
 *
 * @param line the line the row starts on in the file (the header is line 1)
 */
record ImportRow(long line, String id, ObjectNode traits, Map<String, String> consent) {
}
