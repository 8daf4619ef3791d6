package io.drip.journey.message;

import io.drip.contracts.SendCommand;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * The Liquid filter {@code {{ 'https://shop.example/cart' | track }}}: replaces a URL with a new
 * short link and remembers the pair, so the send command can register it with tracking-service.
 */
final class TrackFilter extends Filter {
    static final String LINKS = "drip.links";
    static final String BASE_URL = "drip.trackingBaseUrl";
    /** As send-command.schema.json allows a link's url: the consumers of drip.sends.v1 refuse a longer one. */
    static final int MAX_URL_LENGTH = 2048;

    TrackFilter() {
        super("track");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        String url = value == null ? "" : value.toString().trim();
        if (!isWebUrl(url)) {
            throw new IllegalArgumentException("track needs an http or https URL with a host, of at most "
                    + MAX_URL_LENGTH + " characters, got '" + url + "'");
        }
        Map<String, Object> environment = context.getEnvironmentMap();
        @SuppressWarnings("unchecked")
        List<SendCommand.Link> links = (List<SendCommand.Link>) environment.computeIfAbsent(LINKS, k -> new ArrayList<>());
        String code = ShortCodes.next();
        links.add(new SendCommand.Link(code, url));
        return environment.get(BASE_URL) + "/" + code;
    }

    static boolean isWebUrl(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
