package io.drip.tracking.click;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real user agents, as seen in access logs and published by the vendors (RealUserAgentsTest takes thousands). */
class UserAgentsTest {
    private static final UserAgents AGENTS = new UserAgents();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mobile  | Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1
            mobile  | Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36
            mobile  | Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36
            mobile  | Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/458.0.0.36.108;FBBV/580000000;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/80]
            mobile  | Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP1A.240405.002; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/123.0.6312.118 Mobile Safari/537.36 Instagram 326.0.0.42.90 Android
            tablet  | Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1
            tablet  | Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36
            desktop | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36
            desktop | Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15
            desktop | Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0
            """)
    void peopleAreNotBots(String device, String userAgent) {
        Agent agent = AGENTS.classify(userAgent);
        assertNull(agent.botReason(), userAgent);
        assertEquals(device, agent.device(), userAgent);
        assertNotNull(agent.os(), userAgent);
        assertNotNull(agent.browser(), userAgent);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            link_preview | Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0
            link_preview | WhatsApp/2.23.20.0 A
            link_preview | WhatsApp/2.2413.51 i
            link_preview | facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)
            link_preview | Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)
            link_preview | TelegramBot (like TwitterBot)
            link_preview | Twitterbot/1.0
            link_preview | Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)
            link_preview | LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)
            link_preview | Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com
            link_preview | WhatsApp/2
            link_preview | Viber/1.0
            crawler      | Mozilla/5.0 (compatible; Applebot/0.1; +http://www.apple.com/go/applebot)
            ai_agent     | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)
            ai_agent     | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot
            ai_agent     | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)
            ai_agent     | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Claude-User/1.0; +Claude-User@anthropic.com)
            ai_agent     | Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)
            crawler      | Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)
            crawler      | Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)
            crawler      | Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)
            crawler      | Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)
            automation   | Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.71 Safari/537.36
            automation   | curl/8.5.0
            automation   | python-requests/2.31.0
            automation   | Go-http-client/1.1
            automation   | okhttp/4.12.0
            crawler      | Java/17.0.10
            """)
    void botsAndPreviewsAreFlaggedWithTheReason(String reason, String userAgent) {
        Agent agent = AGENTS.classify(userAgent);
        assertEquals(reason, agent.botReason(), userAgent);
        assertEquals("bot", agent.device());
    }

    @Test
    void anAgentWithoutAKnownOsIsAnUnknownDeviceNotAnError() {
        Agent agent = AGENTS.classify("MyShopApp/3.1 (build 7)");
        assertEquals("unknown", agent.device());
        assertNull(agent.os());
        assertNull(agent.botReason());
    }

    @Test
    void noUserAgentIsNoPerson() {
        assertEquals(BotReason.NO_USER_AGENT, AGENTS.classify(null).botReason());
        assertEquals(BotReason.NO_USER_AGENT, AGENTS.classify(" ").botReason());
    }
}
