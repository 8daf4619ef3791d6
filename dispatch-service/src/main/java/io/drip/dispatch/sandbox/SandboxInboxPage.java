package io.drip.dispatch.sandbox;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sandbox inbox as a page a person reads, like a phone's message list: the newest sandbox
 * SMS with their links clickable, so the short links can be followed, and an MMS's images (Qute template
 * {@code templates/inbox.html}, which escapes everything). It shows phone numbers and needs no
 * key, so it is off unless {@code DRIP_SANDBOX_INBOX_PAGE=true} (local runs and demos).
 */
@PermitAll
@Path("/sandbox/inbox")
public class SandboxInboxPage {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
    private static final int SHOWN = 100;

    /** A piece of a message's text: plain, or a link. */
    @TemplateData
    public record Piece(String text, boolean link) {
    }

    /** One SMS (or MMS, with its image URLs) as the page shows it. */
    @TemplateData
    public record Entry(String to, Instant at, String status, List<Piece> pieces, List<String> media) {
    }

    @Inject
    Pool pool;

    @Inject
    Template inbox;

    @ConfigProperty(name = "drip.sandbox.inbox-page")
    boolean enabled;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(@QueryParam("to") String to) {
        if (!enabled) {
            throw new NotFoundException("the sandbox inbox page is off (DRIP_SANDBOX_INBOX_PAGE)");
        }
        return pool.preparedQuery("""
                        select to_phone, text, media, status, created_at from sandbox_message
                        where $1::text is null or to_phone = $1 order by created_at desc limit $2""")
                .execute(Tuple.of(to, SHOWN))
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getString("to_phone"), row.getOffsetDateTime("created_at").toInstant(),
                                row.getString("status"), pieces(row.getString("text")), SandboxMedia.of(row)));
                    }
                    return inbox.data("messages", entries);
                });
    }

    /** The text cut into plain pieces and http(s) links. */
    static List<Piece> pieces(String text) {
        List<Piece> pieces = new ArrayList<>();
        Matcher links = LINK.matcher(text);
        int last = 0;
        while (links.find()) {
            if (links.start() > last) {
                pieces.add(new Piece(text.substring(last, links.start()), false));
            }
            pieces.add(new Piece(links.group(), true));
            last = links.end();
        }
        if (last < text.length()) {
            pieces.add(new Piece(text.substring(last), false));
        }
        return pieces;
    }
}
