package io.drip.console.signin;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Signs in the users of {@code drip.console.users} with the sign-in form. */
@ApplicationScoped
public class ConfiguredUsersIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final UserDirectory users;

    ConfiguredUsersIdentityProvider(UserDirectory users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        // bcrypt is slow by design: off the event loop
        return context.runBlocking(() -> users.signIn(request.getUsername(),
                new String(request.getPassword().getPassword())));
    }
}
