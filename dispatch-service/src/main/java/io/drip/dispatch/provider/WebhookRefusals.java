package io.drip.dispatch.provider;

import io.drip.kit.web.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** How provider webhooks refuse a request before reading it: the same statuses and error bodies. */
public final class WebhookRefusals {

    private WebhookRefusals() {
    }

    /** 404: the provider is not configured, so its webhooks do not exist. */
    public static Response notConfigured() {
        return Response.status(404).build();
    }

    /** 403: the request is not signed by the provider. */
    public static Response forbidden(String why) {
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(new ApiError("forbidden", why, null))
                .build();
    }

    /** 400: signed, but not what the webhook takes; {@code field} names what is wrong, if any. */
    public static Response badRequest(String message, String field) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(new ApiError("invalid_request", message, field))
                .build();
    }
}
