package io.drip.journey.message;

import io.drip.contracts.SendCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
        // a literal URL given to track is checked now, not when the first contact reaches the step
        Matcher tracked = TRACKED_LITERAL.matcher(template);
        while (tracked.find()) {
            if (!TrackFilter.isWebUrl(tracked.group(2).trim())) {
                return Optional.of("track needs an http or https URL with a host, of at most " + TrackFilter.MAX_URL_LENGTH
                        + " characters, got '" + tracked.group(2) + "'");
            }
        }
        return Optional.empty();
    }

    /** {@code 'https://…' | track} or {@code "https://…" | track}: the URL a send step will shorten. */
    private static final Pattern TRACKED_LITERAL = Pattern.compile("(['\"])([^'\"]*)\\1\\s*\\|\\s*track\\b");

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
