package io.drip.console.contacts;

import io.drip.console.api.ApiFailure;
import io.drip.console.api.ContactApi;
import io.drip.console.api.ContactView;
import io.drip.console.api.DispatchApi;
import io.drip.console.api.JourneyApi;
import io.drip.console.api.TrackingApi;
import io.drip.console.pages.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Page 5, a contact: found by id or number, then everything the services know about the person,
 * each part from its owner's API: profile, traits, consent and its audit trail, segments
 * (contact-service), every run with its history (journey-service), every message with its
 * status history (dispatch-service), clicks (tracking-service). Numbers and texts: ops only.
 */
@Path("/contacts")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ContactPages {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9 ().-]{6,}");
    private static final int MESSAGES = 50;

    /** One consent state: channel, category and the decision in force. */
    public record ConsentRow(String channel, String category, ContactView.Consent consent) {
    }

    /** A run with its history lines, details masked as the viewer may see them. */
    public record RunRow(ContactView.Run run, List<Line> lines) {
    }

    public record Line(Instant at, String step, String what, String detail) {
    }

    /** A message with its number and text as the viewer may see them, and its status history. */
    public record MessageRow(ContactView.Message message, String to, String text,
            List<ContactView.StatusChange> history) {
    }

    /** A contact found by a search, its number as the viewer may see it. */
    public record Match(String contactId, String phone) {
    }

    @CheckedTemplate(basePath = "contacts")
    static class Templates {
        static native TemplateInstance search(Viewer viewer, String q, List<Match> matches);

        static native TemplateInstance contact(Viewer viewer, ContactView.Profile profile, String phone,
                Map<String, String> traits, List<ConsentRow> consent, ContactView.ConsentTrail trail,
                List<ContactView.Decision> decisions, List<RunRow> runs, List<MessageRow> messages, List<ContactView.Click> clicks);
    }

    @Inject
    @RestClient
    ContactApi contacts;

    @Inject
    @RestClient
    JourneyApi journeys;

    @Inject
    @RestClient
    DispatchApi dispatch;

    @Inject
    @RestClient
    TrackingApi tracking;

    @Inject
    SecurityIdentity identity;

    /** The search form; a query is a contact id, or a number when it looks like one (several contacts may share it). */
    @GET
    public Response search(@QueryParam("q") String q) {
        Viewer viewer = Viewer.of(identity);
        String query = q == null ? "" : q.strip();
        if (query.isEmpty()) {
            return Response.ok(Templates.search(viewer, "", null)).build();
        }
        List<Match> matches = NUMBER.matcher(query).matches() ? byNumber(query, new Masking(viewer.ops())) : List.of();
        if (matches.isEmpty() && exists(query)) {
            return seeContact(query);
        }
        if (matches.size() == 1) {
            return seeContact(matches.get(0).contactId());
        }
        return Response.ok(Templates.search(viewer, query, matches)).build();
    }

    /** The contacts with this number; none when contact-service cannot read it as one (it may be an id). */
    private List<Match> byNumber(String number, Masking masking) {
        try {
            return contacts.byPhone(number).contacts().stream()
                    .map(c -> new Match(c.contactId(), masking.phone(c.phone()))).toList();
        } catch (ApiFailure refused) {
            if (refused.status() == 400) {
                return List.of();
            }
            throw refused;
        }
    }

    private boolean exists(String id) {
        try {
            contacts.contact(id);
            return true;
        } catch (ApiFailure failure) {
            if (failure.status() == 404) {
                return false;
            }
            throw failure;
        }
    }

    private static Response seeContact(String id) {
        return Response.seeOther(UriBuilder.fromPath("/contacts/{id}").build(id)).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance contact(@PathParam("id") String id) {
        Viewer viewer = Viewer.of(identity);
        Masking masking = new Masking(viewer.ops());
        ContactView.Profile profile = contacts.contact(id);
        ContactView.ConsentTrail trail = contacts.consent(id);
        List<ConsentRow> consent = new ArrayList<>();
        if (profile.consent() != null) {
            profile.consent().forEach((channel, categories) -> categories
                    .forEach((category, state) -> consent.add(new ConsentRow(channel, category, state))));
        }
        List<ContactView.Decision> decisions = trail.history() == null ? List.of()
                : trail.history().stream().map(masking::decision).toList();
        List<RunRow> runRows = journeys.runs(id).stream().map(run -> new RunRow(run, run.history() == null ? List.of()
                : run.history().stream().map(line -> new Line(line.at(), line.step(), line.what(), masking.detail(line)))
                        .toList())).toList();
        List<MessageRow> messages = dispatch.messages(id, MESSAGES).stream().map(message -> {
            ContactView.MessageDetail detail = dispatch.message(message.messageId());
            return new MessageRow(message, masking.phone(message.to()), masking.text(detail.text()),
                    detail.history() == null ? List.of() : detail.history());
        }).toList();
        return Templates.contact(viewer, profile, masking.phone(profile.phone()), masking.traits(profile.traits()),
                consent, trail, decisions, runRows, messages, tracking.clicks(id));
    }
}
