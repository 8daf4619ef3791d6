package io.drip.dispatch.text;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.charset.GSMCharset;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels as SMS: in the GSM 03.38 alphabet (7-bit, its extension-table characters
 * such as € [ ] { } ~ | ^ \ taking two septets) when every character is in it, else UCS-2; and
 * in which parts: one SMS of up to 160 septets (70 UCS-2 units), or parts of up to 153 (67), the
 * rest of each being the concatenation header. A two-septet character or a surrogate pair (an
 * emoji) is never split across two parts, so a part can hold one unit less than its limit: the
 * segment count is the number of parts, never the units divided by the limit.
 *
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param parts the text of each SMS it leaves as
 */
public record SmsText(String text, Encoding encoding, int units, List<String> parts) {

    public enum Encoding {
        GSM7(160, 153), UCS2(70, 67);

        private final int single;
        private final int part;

        Encoding(int single, int part) {
            this.single = single;
            this.part = part;
        }
    }

    public SmsText {
        parts = List.copyOf(parts);
    }

    public static SmsText of(String text) {
        Encoding encoding = GSMCharset.canRepresent(text) ? Encoding.GSM7 : Encoding.UCS2;
        int units = encoding == Encoding.GSM7 ? CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM).length : text.length();
        return new SmsText(text, encoding, units, units <= encoding.single ? List.of(text) : split(text, encoding));
    }

    /** How many SMS the text leaves as (and is billed as). */
    public int segments() {
        return parts.size();
    }

    private static List<String> split(String text, Encoding encoding) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int chars = Character.charCount(text.codePointAt(i));
            int cost = encoding == Encoding.GSM7
                    ? CharsetUtil.encode(text.substring(i, i + chars), CharsetUtil.CHARSET_GSM).length
                    : chars;
            if (used + cost > encoding.part) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += cost;
            i += chars;
        }
        parts.add(text.substring(start));
        return parts;
    }
}
