package io.drip.dispatch.sandbox;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static io.drip.dispatch.Sends.sendMms;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.testing.TestKeys;
import io.drip.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The sandbox inbox page as a person sees it: in Debian's Chromium, headless. */
@QuarkusTest
class SandboxInboxPageTest {

    @TestHTTPResource("/sandbox/inbox")
    URL inbox;

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("this test needs Debian's chromium: apt-get install chromium");
    }

    /** The DOM after Chromium loaded and ran the page. */
    private static Document render(String url) throws Exception {
        Process chromium = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--dump-dom", url).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return Jsoup.parse(dom, url);
    }

    @Test
    void theInboxShowsTheMessageWithItsLinkClickableAndEscapesTheRest() throws Exception {
        String phone = randomNumber("+316", 11);
        String contactId = contactWith(phone);
        String text = "Your cart <b>waits</b>: https://t.drip.test/Ab3dE6gH9k?x=1&y=2 see you";
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, text);
            deliveries.await(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(20));
        }
        Document page = render(inbox + "?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        assertEquals("Drip sandbox inbox", page.title());
        var messages = page.select("li.message");
        assertEquals(1, messages.size());
        assertEquals(phone, messages.select(".to").text());
        var links = messages.select(".text a");
        assertEquals(1, links.size());
        assertEquals("https://t.drip.test/Ab3dE6gH9k?x=1&y=2", links.attr("href"));
        // the markup in the text is shown as text, not rendered
        assertTrue(messages.select(".text b").isEmpty());
        assertEquals(text, messages.select(".text").text());
    }

    @Test
    void anMmsShowsItsImagesWithItsTextInThePageAndTheApi() throws Exception {
        String phone = randomNumber("+316", 11);
        String contactId = contactWith(phone);
        List<String> media = List.of("https://shop.example/img/sale.jpg", "https://cdn.example/shoes.png");
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = sendMms(contactId, "The sale starts now", media);
            deliveries.await(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(20));
        }
        Document page = render(inbox + "?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        var message = page.select("li.message");
        assertEquals(1, message.size());
        assertEquals(media, message.select(".media img").eachAttr("src"));
        assertEquals("The sale starts now", message.select(".text").text());
        given().header("Authorization", TestKeys.bearer(TestKeys.VIEWER)).queryParam("to", phone)
                .get("/v1/sandbox/messages").then().statusCode(200)
                .body("[0].media", equalTo(media))
                .body("[0].text", equalTo("The sale starts now"));
    }

    @Test
    void anSmsShowsNoImages() throws Exception {
        String phone = randomNumber("+316", 11);
        String contactId = contactWith(phone);
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            var command = send(contactId, "Just text");
            deliveries.await(r -> is(r, command.messageId(), "sent"), Duration.ofSeconds(20));
        }
        Document page = render(inbox + "?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
        assertTrue(page.select("li.message .media").isEmpty());
    }
}
