package io.drip.journey.message;

import io.drip.contracts.SendCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import liqp.Template;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Renders message texts with Liquid. A template that prints something the contact does not have
 * (and gives no {@code default}) fails, so a half-rendered text is never sent.
 */
@ApplicationScoped
public class MessageRenderer {
    private static final TemplateParser PARSER = new TemplateParser.Builder()
            .withErrorMode(TemplateParser.ErrorMode.STRICT)
            .withFilter(new TrackFilter())
            .build();

    private record Parsed(Template template, RequiredVariables required) {
    }

    private final Map<String, Parsed> templates = new ConcurrentHashMap<>();

    private final String trackingBaseUrl;

    @Inject
    public MessageRenderer(@ConfigProperty(name = "drip.tracking.base-url") String trackingBaseUrl) {
        this.trackingBaseUrl = trackingBaseUrl;
    }

    /** The syntax problem of a template, if it has one. */
    public static Optional<String> checkSyntax(String template) {
        try {
            PARSER.parse(template);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    public RenderedMessage render(String template, Map<String, Object> variables) throws RenderException {
        Parsed parsed = templates.computeIfAbsent(template, MessageRenderer::parse);
        Optional<String> missing = parsed.required().firstMissing(variables);
        if (missing.isPresent()) {
            throw new RenderException("'" + missing.get() + "' has no value for this contact and the text gives no default",
                    null);
        }
        TemplateContext context = new TemplateContext(PARSER, variables);
        context.getEnvironmentMap().put(TrackFilter.BASE_URL, trackingBaseUrl);
        String text;
        try {
            text = parsed.template().renderUnguarded(context);
        } catch (RuntimeException e) {
            throw new RenderException(String.valueOf(e.getMessage()), e);
        }
        if (!context.errors().isEmpty()) {
            throw new RenderException(String.valueOf(context.errors().get(0).getMessage()), context.errors().get(0));
        }
        @SuppressWarnings("unchecked")
        List<SendCommand.Link> links = (List<SendCommand.Link>) context.getEnvironmentMap().getOrDefault(TrackFilter.LINKS, List.of());
        return new RenderedMessage(text.strip(), List.copyOf(links));
    }

    private static Parsed parse(String template) {
        Template parsed = PARSER.parse(template);
        return new Parsed(parsed, RequiredVariables.of(parsed));
    }
}
