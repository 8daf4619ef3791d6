package io.drip.console.signin;

import io.drip.console.ConsoleConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Marks every cookie the console sets {@code Secure} (unless configured off for plain-HTTP local
 * runs). Quarkus' form sign-in marks its cookie Secure only on a TLS connection, and behind an
 * ingress that ends TLS the console sees plain HTTP.
 */
@ApplicationScoped
public class SecureCookies {

    void secure(@Observes Router router, ConsoleConfig config) {
        if (!config.secureCookies()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ended -> {
                List<String> cookies = context.response().headers().getAll(HttpHeaders.SET_COOKIE);
                if (!cookies.isEmpty()) {
                    context.response().headers().remove(HttpHeaders.SET_COOKIE);
                    cookies.forEach(cookie -> context.response().headers().add(HttpHeaders.SET_COOKIE,
                            cookie.toLowerCase().contains("; secure") ? cookie : cookie + "; Secure"));
                }
            });
            context.next();
        });
    }
}
