package io.drip.tracking.link;

import io.drip.contracts.SendCommand;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds Google Analytics UTM parameters to a destination, as Braze and Bitly campaigns do:
 * {@code utm_source=sms}, {@code utm_medium} = the message category, {@code utm_campaign} = the
 * journey, {@code utm_content} = step, or step/variant. Existing query parameters (including a
 * {@code utm_*} the marketer set, which wins) and the fragment are kept byte for byte.
 */
public final class Utm {

    private Utm() {
    }

    public static String tag(String url, SendCommand command) {
        Map<String, String> utm = new LinkedHashMap<>();
        utm.put("utm_source", "sms");
        utm.put("utm_medium", command.category());
        utm.put("utm_campaign", command.journeyId());
        utm.put("utm_content", command.variant() == null ? command.stepId()
                : command.stepId() == null ? command.variant() : command.stepId() + "/" + command.variant());
        return merge(url, utm);
    }

    static String merge(String url, Map<String, String> parameters) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String beforeFragment = hash < 0 ? url : url.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String query = question < 0 ? "" : beforeFragment.substring(question + 1);
        StringBuilder out = new StringBuilder(beforeFragment);
        if (question < 0) {
            out.append('?');
        }
        boolean needsSeparator = !query.isEmpty() && !query.endsWith("&");
        for (var parameter : parameters.entrySet()) {
            if (parameter.getValue() == null || parameter.getValue().isEmpty() || hasKey(query, parameter.getKey())) {
                continue;
            }
            out.append(needsSeparator ? "&" : "").append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            needsSeparator = true;
        }
        if (out.charAt(out.length() - 1) == '?') {
            out.setLength(out.length() - 1); // nothing was added to a URL without a query
        }
        return out.append(fragment).toString();
    }

    private static boolean hasKey(String query, String key) {
        return Arrays.stream(query.split("&")).anyMatch(pair -> pair.equals(key) || pair.startsWith(key + "="));
    }
}
