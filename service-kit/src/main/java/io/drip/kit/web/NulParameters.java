package io.drip.kit.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a path or query parameter holding a NUL character ({@code %00}) with a 400 that names
 * it: PostgreSQL cannot take U+0000 in a text parameter, so such a value failed the query with a
 * 500, and no id, code or name has one. The JSON bodies' NUL characters are refused where they are
 * read ({@code MessageJson.nulCharacterAt}).
 */
public class NulParameters {

    @ServerRequestFilter
    public void refuseNul(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        check(uri.getPathParameters(), "path");
        check(uri.getQueryParameters(), "query");
    }

    private static void check(MultivaluedMap<String, String> parameters, String where) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    throw new InvalidRequestException(parameter.getKey(), "the " + where + " parameter "
                            + parameter.getKey() + " holds a NUL character (%00); no value of Drip's has one");
                }
            }
        }
    }
}
