package io.drip.console.pages;

import io.drip.console.api.ApiFailure;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** What went wrong, as a page: the API's message, a refusal, or a short apology; never a stack trace. */
public class ErrorPages {
    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(basePath = "errors")
    static class Templates {
        static native TemplateInstance problem(int status, String title, String message);
    }

    @ServerExceptionMapper
    public Response apiFailed(ApiFailure failure) {
        return page(failure.status(), "The service refused this", failure.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException refused) {
        return page(403, "Not allowed",
                "Your role may not do this: publishing, pausing, resuming and archiving journeys needs the marketer role.");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException missing) {
        return page(404, "Not found", "There is no such page.");
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(RuntimeException failure) {
        LOG.error("a page failed", failure);
        return page(500, "Something went wrong", failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(status, title, message).render()).build();
    }
}
