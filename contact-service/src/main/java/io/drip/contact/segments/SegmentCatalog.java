package io.drip.contact.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drip.kit.cel.JsonCel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The segments of {@code drip.segments.file}, read and compiled at start; a mistake stops the
 * service with the file and the segment it is in.
 *
 * <pre>
 * segments:
 *   - id: vip
 *     name: VIP customers
 *     when: contact.traits.plan == "pro" || (has(contact.rfm) &amp;&amp; contact.rfm.monetary == 5)
 * </pre>
 */
@ApplicationScoped
public class SegmentCatalog {
    private static final String ID = "[a-z0-9][a-z0-9_-]{0,63}";

    @ConfigProperty(name = "drip.segments.file")
    Optional<String> file;

    private List<SegmentDefinition> segments = List.of();

    @PostConstruct
    void load() {
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            try {
                segments = parse(Files.readString(path), path.toString());
            } catch (IOException e) {
                throw new IllegalStateException("drip.segments.file: cannot read " + path + ": " + e.getMessage(), e);
            }
        }
    }

    static List<SegmentDefinition> parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("segments");
        if (list == null || !list.isArray()) {
            throw new IllegalStateException(source + ": the file holds \"segments:\", a list of {id, name, when}");
        }
        List<SegmentDefinition> parsed = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = source + ", segment " + (i + 1);
            String id = item.path("id").asText("");
            if (!id.matches(ID)) {
                throw new IllegalStateException(where + ": id '" + id + "' must match " + ID);
            }
            where = source + ", segment '" + id + "'";
            if (!ids.add(id)) {
                throw new IllegalStateException(where + ": the id is used twice");
            }
            String when = item.path("when").asText("");
            if (when.isBlank()) {
                throw new IllegalStateException(where + ": \"when\" (a CEL condition over contact) is required");
            }
            try {
                parsed.add(new SegmentDefinition(id, item.path("name").asText(id), JsonCel.compile(when, List.of("contact"))));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": when: " + e.getMessage(), e);
            }
        }
        return List.copyOf(parsed);
    }

    public List<SegmentDefinition> all() {
        return segments;
    }

    public Optional<SegmentDefinition> find(String id) {
        return segments.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
