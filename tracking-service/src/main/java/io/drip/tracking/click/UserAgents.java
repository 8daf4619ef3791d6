package io.drip.tracking.click;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Classifies user agents: bots by the crawler-user-agents list ({@link KnownBots}: previews, AI
 * agents, HTTP libraries, crawlers) and by ua-parser's crawler detection ("Spider"); devices, OS
 * and browser by ua-parser (uap-java, the regexes of the uap-core project). Results are cached:
 * parsing runs a few thousand regexes, and the clicks of one campaign come from few distinct
 * agents. Any header is a valid input: an agent neither knows is an "unknown" device.
 */
@ApplicationScoped
public class UserAgents {
    private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS",
            "HarmonyOS", "Symbian OS", "Firefox OS");
    private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS",
            "Fedora", "Debian", "FreeBSD", "OpenBSD");
    private static final int CACHED_AGENTS = 10_000;

    private final Parser parser = new Parser();
    private final KnownBots bots = KnownBots.load();
    private final Cache<String, Agent> cache = Caffeine.newBuilder().maximumSize(CACHED_AGENTS).build();

    public Agent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Agent("unknown", null, null, BotReason.NO_USER_AGENT);
        }
        return cache.get(userAgent, this::parse);
    }

    private Agent parse(String userAgent) {
        Client client = parser.parse(userAgent);
        String os = known(client.os == null ? null : client.os.family);
        String browser = known(client.userAgent == null ? null : client.userAgent.family);
        String device = known(client.device == null ? null : client.device.family);
        String reason = bots.reasonFor(userAgent);
        if (reason == null && "Spider".equals(device)) {
            reason = BotReason.CRAWLER;
        }
        return new Agent(reason != null ? "bot" : deviceClass(device, os, userAgent.toLowerCase(Locale.ROOT)), os,
                browser, reason);
    }

    /** ua-parser names devices (iPhone, SM-G991B), not classes; the class follows from device and OS. */
    private static String deviceClass(String device, String os, String lower) {
        boolean android = "Android".equals(os);
        if (device != null && (device.startsWith("iPad") || device.startsWith("Kindle"))
                || lower.contains("tablet") || (android && !lower.contains("mobile"))) {
            return "tablet";
        }
        // Set.of(...).contains(null) throws: an agent without a known OS is no exception
        if (os != null && MOBILE_OS.contains(os) || lower.contains("mobile")) {
            return "mobile";
        }
        return os != null && DESKTOP_OS.contains(os) ? "desktop" : "unknown";
    }

    private static String known(String family) {
        return family == null || "Other".equals(family) ? null : family;
    }
}
