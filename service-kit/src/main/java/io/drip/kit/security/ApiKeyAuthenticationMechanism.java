package io.drip.kit.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates admin requests by API key ({@code Authorization: Bearer <key>}) and ingest
 * requests by write key (HTTP Basic with the key as user name and an empty password, as the
 * Segment HTTP API does). No header means anonymous: endpoints without a role stay public,
 * {@code @RolesAllowed} ones answer 401; a key with the wrong role gets 403.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    public static final String SOURCE_ATTRIBUTE = "drip.source";

    @ConfigProperty(name = "drip.security.api-keys")
    Optional<List<String>> apiKeys;

    @ConfigProperty(name = "drip.security.write-keys")
    Optional<List<String>> writeKeys;

    private KeyRegistry registry;

    @PostConstruct
    void load() {
        registry = KeyRegistry.parse(apiKeys.orElse(List.of()), writeKeys.orElse(List.of()));
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return identify(registry.apiKey(header.substring(7).trim()), "unknown API key");
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return identify(registry.writeKey(basicUser(header.substring(6).trim())), "unknown write key");
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("unsupported Authorization scheme"));
    }

    /**
     * The source owning a write key that came in a request body rather than a header (Segment
     * accepts {@code "writeKey"} in the body, and analytics-python sends it only there).
     */
    public Optional<String> writeKeySource(String presentedKey) {
        return presentedKey == null ? Optional.empty() : registry.writeKey(presentedKey).map(KeyRegistry.Holder::name);
    }

    private static Uni<SecurityIdentity> identify(Optional<KeyRegistry.Holder> holder, String failure) {
        return holder.<Uni<SecurityIdentity>>map(h -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(h.name()))
                        .addRoles(h.roles())
                        .addAttribute(SOURCE_ATTRIBUTE, h.name())
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException(failure)));
    }

    /** The user-name part of HTTP Basic credentials, where Segment puts the write key. */
    private static String basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"drip\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
