package io.drip.dispatch.text;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.charset.GSMCharset;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels as SMS: in the GSM 03.38 alphabet (7-bit, its extension-table characters
 * such as € [ ] { } ~ | ^ \ taking two septets) when every character is in it, else UCS-2; and
 * in how many segments: one of up to 160 septets (70 UCS-2 units), or several of up to 153
 * (67), the rest of each being the concatenation header.
 *
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 */
public record SmsText(String text, Encoding encoding, int units, int segments) {

    public enum Encoding {
        GSM7(160, 153), UCS2(70, 67);

        private final int single;
        private final int part;

        Encoding(int single, int part) {
            this.single = single;
            this.part = part;
        }
    }

    public static SmsText of(String text) {
        Encoding encoding = GSMCharset.canRepresent(text) ? Encoding.GSM7 : Encoding.UCS2;
        int units = encoding == Encoding.GSM7 ? CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM).length : text.length();
        int segments = units <= encoding.single ? 1 : (units + encoding.part - 1) / encoding.part;
        return new SmsText(text, encoding, units, Math.max(segments, 1));
    }

    /**
     * The text cut into the parts of a concatenated SMS, never splitting a two-septet GSM
     * character or a UTF-16 surrogate pair; one part when it fits a single SMS.
     */
    public List<String> parts() {
        if (segments == 1) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int chars = Character.charCount(cp);
            int cost = encoding == Encoding.GSM7 ? CharsetUtil.encode(text.substring(i, i + chars), CharsetUtil.CHARSET_GSM).length
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
