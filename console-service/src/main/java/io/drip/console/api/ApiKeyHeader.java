package io.drip.console.api;

import io.drip.console.ConsoleConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds the console's own API key to its calls; the key never leaves the server. */
public class ApiKeyHeader implements ClientRequestFilter {

    @Inject
    ConsoleConfig config;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + config.apiKey());
    }
}
