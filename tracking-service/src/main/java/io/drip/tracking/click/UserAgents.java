package io.drip.tracking.click;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Classifies user agents with ua-parser (uap-java, the regexes of the uap-core project) and a
 * short list of link-preview and automation agents that ua-parser reports as ordinary browsers
 * or not at all. Results are cached: parsing runs a few hundred regexes, and the clicks of one
 * campaign come from few distinct agents.
 */
@ApplicationScoped
public class UserAgents {

    /**
     * Link-preview fetchers, matched case-insensitively anywhere in the agent. iMessage sends
     * "... Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0"; WhatsApp "WhatsApp/2.x";
     * Slack "Slackbot-LinkExpanding 1.0"; Telegram "TelegramBot (like TwitterBot)".
     */
    static final List<String> PREVIEW_TOKENS = List.of("facebookexternalhit", "facebot", "facebookcatalog",
            "whatsapp/", "telegrambot", "twitterbot", "slackbot", "slack-imgproxy", "discordbot", "linkedinbot",
            "skypeuripreview", "pinterestbot", "redditbot", "embedly", "iframely", "google-pagerenderer",
            "googleother", "snap url preview", "bitlybot", "applebot", "microsoftpreview", "yahoo link preview");

    /** HTTP libraries and headless browsers: carrier and e-mail security scanners use these. */
    static final List<String> AUTOMATION_TOKENS = List.of("headlesschrome", "phantomjs", "curl/", "wget/",
            "python-requests", "python-urllib", "aiohttp", "go-http-client", "java/", "okhttp",
            "libwww-perl", "node-fetch", "axios/", "postmanruntime", "scrapy", "httpclient");

    private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS",
            "HarmonyOS", "Symbian OS", "Firefox OS");
    private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS",
            "Fedora", "Debian", "FreeBSD", "OpenBSD");
    private static final int CACHED_AGENTS = 10_000;

    private final Parser parser = new Parser();
    private final Cache<String, Agent> cache = Caffeine.newBuilder().maximumSize(CACHED_AGENTS).build();

    public Agent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Agent("unknown", null, null, BotReason.NO_USER_AGENT);
        }
        return cache.get(userAgent, this::parse);
    }

    private Agent parse(String userAgent) {
        Client client = parser.parse(userAgent);
        String os = known(client.os.family);
        String browser = known(client.userAgent.family);
        String lower = userAgent.toLowerCase(Locale.ROOT);
        String reason = PREVIEW_TOKENS.stream().anyMatch(lower::contains) ? BotReason.LINK_PREVIEW
                : "Spider".equals(client.device.family) ? BotReason.CRAWLER
                : AUTOMATION_TOKENS.stream().anyMatch(lower::contains) ? BotReason.AUTOMATION
                : null;
        return new Agent(reason != null ? "bot" : deviceClass(client, os, lower), os, browser, reason);
    }

    /** ua-parser names devices (iPhone, SM-G991B), not classes; the class follows from device and OS. */
    private static String deviceClass(Client client, String os, String lower) {
        String device = client.device.family;
        if (device.startsWith("iPad") || device.startsWith("Kindle") || lower.contains("tablet")
                || ("Android".equals(os) && !lower.contains("mobile"))) {
            return "tablet";
        }
        if (MOBILE_OS.contains(os) || lower.contains("mobile")) {
            return "mobile";
        }
        return DESKTOP_OS.contains(os) ? "desktop" : "unknown";
    }

    private static String known(String family) {
        return family == null || "Other".equals(family) ? null : family;
    }
}
