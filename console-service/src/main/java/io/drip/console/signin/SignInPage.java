package io.drip.console.signin;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sign-in form (posted to Quarkus' form mechanism at /j_security_check) and signing out. */
// the sign-in form itself needs no session
@PermitAll
@Path("/")
public class SignInPage {

    @CheckedTemplate(basePath = "signin")
    static class Templates {
        static native TemplateInstance form(boolean failed);
    }

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form(@QueryParam("error") boolean failed) {
        return Templates.form(failed);
    }

    /** Ends the session by expiring its cookie (a form post, so it carries the CSRF token). */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        return Response.seeOther(URI.create("/login"))
                .cookie(new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).build())
                .build();
    }
}
