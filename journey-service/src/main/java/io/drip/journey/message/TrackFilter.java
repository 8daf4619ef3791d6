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

    TrackFilter() {
        super("track");
    }

    @Override
    public Object apply(Object value, TemplateContext context, Object... params) {
        String url = value == null ? "" : value.toString().trim();
        if (!isWebUrl(url)) {
            throw new IllegalArgumentException("track needs an http or https URL, got '" + url + "'");
        }
        Map<String, Object> environment = context.getEnvironmentMap();
        @SuppressWarnings("unchecked")
        List<SendCommand.Link> links = (List<SendCommand.Link>) environment.computeIfAbsent(LINKS, k -> new ArrayList<>());
        String code = ShortCodes.next();
        links.add(new SendCommand.Link(code, url));
        return environment.get(BASE_URL) + "/" + code;
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
