package io.drip.console.editor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drip.console.api.ApiFailure;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.JourneyView;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Page 6, write a journey: the YAML in a text area, checked by journey-service (errors at their
 * line and column, the line marked), simulated there on a virtual clock (events and traits in,
 * the timeline out), and published as a new version by a marketer.
 */
@Path("/editor")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class EditorPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACE = Pattern.compile("^[^:]*:\\d+:\\d+: ");
    static final String SAMPLE_EVENTS = "[{\"after\": \"1h\", \"event\": \"Checkout Started\", \"properties\": {\"value\": 30}}]";
    static final String SAMPLE_TRAITS = "{\"first_name\": \"Ada\"}";
    private static final String SAMPLE_YAML = """
            journey: my-journey
            name: My journey
            trigger: {event: Checkout Started}
            steps:
              - wait: 1h
              - id: reminder
                send: {channel: sms, category: marketing, text: "{{ contact.traits.first_name | default: 'Hi' }}, your cart is waiting"}
            """;

    /** What the page shows after an action: a problem (with its place), a valid journey, or a timeline. */
    public record Outcome(String problem, int line, int column, String valid, JourneyView.Timeline timeline) {
        static Outcome none() {
            return new Outcome(null, 0, 0, null, null);
        }
    }

    @CheckedTemplate(basePath = "editor")
    static class Templates {
        static native TemplateInstance edit(Viewer viewer, String yaml, String events, String traits, Outcome outcome,
                List<YamlLines.Line> lines);
    }

    private final JourneyApi api;
    private final SecurityIdentity identity;

    EditorPage(@RestClient JourneyApi api, SecurityIdentity identity) {
        this.api = api;
        this.identity = identity;
    }

    /** A new journey from a sample, or the latest version of {@code journey} to change. */
    @GET
    public TemplateInstance edit(@QueryParam("journey") String journey) {
        String yaml = SAMPLE_YAML;
        if (journey != null && !journey.isBlank()) {
            JourneyView.Summary latest = api.list().stream().filter(j -> j.id().equals(journey)).findFirst()
                    .orElseThrow(() -> new ApiFailure(404, "no journey with id '" + journey + "'"));
            yaml = api.version(journey, latest.version()).yaml();
        }
        return page(yaml, SAMPLE_EVENTS, SAMPLE_TRAITS, Outcome.none());
    }

    @POST
    @Path("validate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance validate(@FormParam("yaml") String yaml, @FormParam("events") String events,
            @FormParam("traits") String traits) {
        try {
            JourneyView.Valid valid = api.validate(yaml);
            return page(yaml, events, traits, new Outcome(null, 0, 0, valid.journey(), null));
        } catch (ApiFailure refused) {
            return refused(yaml, events, traits, refused);
        }
    }

    @POST
    @Path("simulate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance simulate(@FormParam("yaml") String yaml, @FormParam("events") String events,
            @FormParam("traits") String traits) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("journey", yaml);
        try {
            request.put("events", JSON.readValue(blankAs(events, "[]"), new TypeReference<List<Object>>() { }));
            request.put("contact", Map.of("traits", JSON.readValue(blankAs(traits, "{}"),
                    new TypeReference<Map<String, Object>>() { })));
        } catch (JsonProcessingException notJson) {
            return page(yaml, events, traits, new Outcome("The events must be a JSON array and the traits a JSON "
                    + "object: " + notJson.getOriginalMessage(), 0, 0, null, null));
        }
        try {
            return page(yaml, events, traits, new Outcome(null, 0, 0, null, api.simulate(request)));
        } catch (ApiFailure refused) {
            return refused(yaml, events, traits, refused);
        }
    }

    /** A new version (marketers only); a refused journey comes back to the editor with its problem marked. */
    @POST
    @Path("publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Viewer.MARKETER)
    public Response publish(@FormParam("yaml") String yaml, @FormParam("events") String events,
            @FormParam("traits") String traits) {
        try {
            JourneyView.Published published = api.publish(yaml);
            return Response.seeOther(UriBuilder.fromPath("/journeys/{id}").queryParam("version", published.version())
                    .build(published.id())).build();
        } catch (ApiFailure refused) {
            return Response.status(400).entity(refused(yaml, events, traits, refused)).build();
        }
    }

    private TemplateInstance refused(String yaml, String events, String traits, ApiFailure refused) {
        if (refused.status() != 400) {
            throw refused;
        }
        // the message starts with "request:6:5: ": the page says "Line 6, column 5" itself
        String problem = refused.line() > 0 ? PLACE.matcher(refused.getMessage()).replaceFirst("") : refused.getMessage();
        return page(yaml, events, traits, new Outcome(problem, refused.line(), refused.column(), null, null));
    }

    private TemplateInstance page(String yaml, String events, String traits, Outcome outcome) {
        String text = yaml == null ? "" : yaml;
        return Templates.edit(Viewer.of(identity), text, events, traits, outcome,
                YamlLines.of(text, outcome.line(), outcome.column()));
    }

    private static String blankAs(String text, String otherwise) {
        return text == null || text.isBlank() ? otherwise : text;
    }
}
