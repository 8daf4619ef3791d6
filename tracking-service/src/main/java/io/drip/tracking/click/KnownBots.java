package io.drip.tracking.click;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The crawler-user-agents list (a maintained, MIT-licensed resource beside this class): one
 * regular expression per bot, tagged by what the bot does. The tags give the reason a click is
 * flagged: an AI assistant or AI crawler, a link-preview fetcher, an HTTP library or headless
 * browser, else a crawler.
 */
final class KnownBots {
    static final String RESOURCE = "crawler-user-agents.json";

    private record Bot(Pattern pattern, String reason) {
    }

    private final List<Bot> bots;

    private KnownBots(List<Bot> bots) {
        this.bots = bots;
    }

    static KnownBots load() {
        try (InputStream in = KnownBots.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            List<Bot> bots = new ArrayList<>();
            for (JsonNode entry : new ObjectMapper().readTree(in)) {
                Set<String> tags = new HashSet<>();
                entry.path("tags").forEach(tag -> tags.add(tag.asText()));
                bots.add(new Bot(Pattern.compile(entry.path("pattern").asText()), reasonOf(tags)));
            }
            return new KnownBots(List.copyOf(bots));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The reason of the first bot whose pattern is found in the agent, null when none is. */
    String reasonFor(String userAgent) {
        for (Bot bot : bots) {
            if (bot.pattern().matcher(userAgent).find()) {
                return bot.reason();
            }
        }
        return null;
    }

    // an AI agent may also be tagged social-preview (meta-externalagent): what it feeds wins
    private static String reasonOf(Set<String> tags) {
        if (tags.contains("ai-crawler")) {
            return BotReason.AI_AGENT;
        }
        if (tags.contains("social-preview")) {
            return BotReason.LINK_PREVIEW;
        }
        if (tags.contains("http-library") || tags.contains("browser-automation")) {
            return BotReason.AUTOMATION;
        }
        return BotReason.CRAWLER;
    }
}
