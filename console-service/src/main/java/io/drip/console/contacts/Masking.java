package io.drip.console.contacts;

import io.drip.console.api.ContactView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Personal data on the contact page: phone numbers and message texts are shown to role ops
 * only; for everyone else a number keeps its first three and last two digits (+33 6•• •• •• 78:
 * the country and enough to tell two contacts apart) and a text reads "hidden".
 */
public final class Masking {
    static final String HIDDEN = "hidden";
    private static final String DOT = "•";
    /** Traits that hold a number, masked like the contact's own. */
    private static final List<String> PHONE_TRAITS = List.of("phone", "mobile", "phone_number");

    private final boolean ops;

    public Masking(boolean ops) {
        this.ops = ops;
    }

    /** A number as this viewer may see it (an E.164 number, or anything else a trait holds). */
    public String phone(String number) {
        if (ops || number == null) {
            return number;
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.length() < 6) {
            return DOT.repeat(digits.length());
        }
        StringBuilder national = new StringBuilder(digits.substring(2, 3))
                .append(DOT.repeat(digits.length() - 5)).append(digits.substring(digits.length() - 2));
        // grouped as people write them: the first three, then pairs
        StringBuilder grouped = new StringBuilder(national.substring(0, 3));
        for (int i = 3; i < national.length(); i += 2) {
            grouped.append(' ').append(national, i, Math.min(i + 2, national.length()));
        }
        return "+" + digits.substring(0, 2) + " " + grouped;
    }

    /** A message text, or "hidden". */
    public String text(String text) {
        return ops || text == null ? text : HIDDEN;
    }

    /** The traits in name order, numbers masked. */
    public Map<String, String> traits(Map<String, Object> traits) {
        Map<String, String> shown = new TreeMap<>();
        if (traits != null) {
            traits.forEach((name, value) -> shown.put(name, PHONE_TRAITS.contains(name) && value != null
                    ? phone(value.toString()) : String.valueOf(value)));
        }
        return shown;
    }

    /**
     * A run history line's detail: a "sent" line quotes the message id and its text, an "updated"
     * line the traits it set; both hide what follows the message id from non-ops viewers.
     */
    public String detail(ContactView.RunLine line) {
        if (ops || line.detail() == null) {
            return line.detail();
        }
        return switch (line.what()) {
            case "sent" -> line.detail().split(": ", 2)[0] + ": " + HIDDEN;
            case "updated" -> HIDDEN;
            default -> line.detail();
        };
    }

    /** A consent decision; the address it was made from is personal, so ops only. */
    public ContactView.Decision decision(ContactView.Decision d) {
        return ops || d.ip() == null ? d : new ContactView.Decision(d.channel(), d.category(), d.state(), d.source(),
                d.at(), d.messageId(), HIDDEN, d.actor(), d.keyword(), d.reason());
    }
}
