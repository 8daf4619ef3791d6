package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docs/journey.schema.json agrees with the reader, and has the last word on structure. */
class JourneySchemaTest {
    private static final String VALID = """
            journey: schema-check
            trigger: {event: Signed Up, key: properties.list}
            filter: "has(contact.phone)"
            reentry: {after: 7d}
            exit_when: [Unsubscribed, {event: Order Completed, match: properties.cart_id}]
            goal: {event: Order Completed, within: 3d}
            send_window: {from: "09:00", to: "20:00"}
            steps:
              - wait: {until: "10:00", on: [monday]}
              - id: hello
                send: {channel: sms, category: marketing, text: "Hi", best_time: {within: 24h}, tags: [welcome, promo:shoes], media: [https://shop.example/a.jpg]}
              - wait_for: {delivered: hello, within: 1h}
                on_timeout: later
              - wait_for: {reply_to: hello, within: 1d, answers: [{when: "reply.keyword == 'Y'", goto: later}]}
              - wait: {date: contact.traits.birthday, at: "08:00"}
              - id: later
                split: {a: {weight: 1, goto: mark}, b: {weight: 1, goto: mark}, holdout: {weight: 1}}
                auto_winner: {metric: revenue_per_recipient, min_runs: 50, confidence: 0.9}
              - id: mark
                update: {traits: {greeted: true, times: 1}}
            """;

    private static boolean schemaRejects(String yaml) {
        return JourneySchema.check("t.yaml", new Yaml(new LoaderOptions()).compose(new StringReader(yaml))).isPresent();
    }

    @Test
    void aJourneyUsingEveryOptionMatchesTheSchema() {
        JourneyReader.read("t.yaml", new StringReader(VALID));
        assertTrue(!schemaRejects(VALID));
    }

    @Test
    void audienceTriggersMatchTheSchemaAndItRejectsWhatTheReaderRejects() {
        String weekly = "trigger: {audience: {segment: vip, every: {week: monday, at: \"10:00\"}, local_time: true}}";
        String monthly = "trigger: {audience: {segment: vip, every: {month: 31, at: \"10:00\"}}}";
        String once = "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\"}, when: \"has(contact.phone)\"}";
        String throttled = "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\"}, throttle: {entries: 200, per: 1m}}";
        String spread = "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\", spread: PT2H}, "
                + "throttle: {entries: 200, per: 1m}}";
        for (String trigger : List.of(weekly, monthly, once, throttled, spread)) {
            String yaml = VALID.replace("trigger: {event: Signed Up, key: properties.list}", trigger);
            JourneyReader.read("t.yaml", new StringReader(yaml));
            assertTrue(!schemaRejects(yaml), yaml);
        }
        for (String trigger : List.of("trigger: {audience: {segment: vip}}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\"}, event: X}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\"}, key: properties.x}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11 10:00\"}}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\", local_time: often}}",
                "trigger: {audience: {segment: vip, every: {week: monday, month: 1, at: \"10:00\"}}}",
                "trigger: {audience: {segment: vip, every: {month: 0, at: \"10:00\"}}}",
                "trigger: {audience: {segment: vip, every: {week: monday}}}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\", spread: soon}}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\", spread: 90}}",
                "trigger: {audience: {segment: vip, at: \"2026-11-11T10:00\"}, spread: 2h}",
                "trigger: {event: X, spread: 2h}",
                "trigger: {event: X, throttle: {entries: 0, per: 1m}}",
                "trigger: {event: X, throttle: {entries: 10}}")) {
            String yaml = VALID.replace("trigger: {event: Signed Up, key: properties.list}", trigger);
            assertThrows(JourneyFileException.class, () -> JourneyReader.read("t.yaml", new StringReader(yaml)), yaml);
            assertTrue(schemaRejects(yaml), "the schema lets through:\n" + yaml);
        }
    }

    @Test
    void theSchemaRejectsWhatTheReaderRejects() {
        List<String> invalid = List.of(
                VALID.replace("journey: schema-check", "journey: Schema Check"),
                VALID.replace("trigger: {event: Signed Up, key: properties.list}", "trigger: {inactive: {for: 1d}, key: x}"),
                VALID.replace("reentry: {after: 7d}", "reentry: sometimes"),
                VALID.replace("category: marketing", "category: promo"),
                VALID.replace("tags: [welcome, promo:shoes]", "tags: [Welcome]"),
                VALID.replace("tags: [welcome, promo:shoes]", "tags: [welcome, welcome]"),
                VALID.replace("media: [https://shop.example/a.jpg]", "media: [http://shop.example/a.jpg]"),
                VALID.replace("media: [https://shop.example/a.jpg]", "media: []"),
                VALID.replace("on: [monday]", "on: [someday]"),
                VALID.replace("{delivered: hello, within: 1h}", "{delivered: hello, when: \"true\", within: 1h}"),
                VALID.replace("{delivered: hello, within: 1h}", "{delivered: hello, within: 1h, answers: [{when: \"true\", goto: later}]}"),
                VALID.replace("{reply_to: hello, within: 1d,", "{reply_to: hello, when: \"true\", within: 1d,"),
                VALID.replace("{reply_to: hello, within: 1d,", "{reply_to: hello, clicked: hello, within: 1d,"),
                VALID.replace("{weight: 1, goto: mark}", "{weight: 0, goto: mark}"),
                VALID.replace("update: {traits: {greeted: true, times: 1}}", "update: {traits: {}}"),
                VALID.replace("  - id: mark\n", "  - id: mark\n    exit: done\n"),
                VALID.replace("metric: revenue_per_recipient", "metric: revenue"),
                VALID.replace("confidence: 0.9", "confidence: 1.5"),
                VALID.replace("min_runs: 50", "min_runs: 10"),
                VALID.replace("best_time: {within: 24h}", "best_time: 24h"),
                VALID.replace("best_time: {within: 24h}", "best_time: {}"),
                VALID.replace("best_time: {within: 24h}", "best_time: {within: soon}"),
                VALID.replace("best_time: {within: 24h}", "best_time: {within: 24h, hour: 19}"),
                VALID.replace("media: [https://shop.example/a.jpg]}", "media: [https://shop.example/a.jpg]}\n    auto_winner: {metric: click}"));
        for (String yaml : invalid) {
            assertThrows(JourneyFileException.class, () -> JourneyReader.read("t.yaml", new StringReader(yaml)), yaml);
            assertTrue(schemaRejects(yaml), "the schema lets through:\n" + yaml);
        }
    }

    @Test
    void whatOnlyTheSchemaCatchesIsRejectedWithLineAndColumn() {
        JourneyFileException problem = assertThrows(JourneyFileException.class,
                () -> JourneyReader.read("t.yaml", new StringReader(VALID + "  - exit: 404\n")));
        assertEquals(VALID.lines().count() + 1, problem.line()); // the line added after VALID
        assertEquals(11, problem.column(), problem.getMessage());
        assertTrue(problem.getMessage().contains("journey schema"), problem.getMessage());
    }

    private static final String WEBHOOK = """
            journey: schema-webhook
            trigger: {event: Checkout Started}
            steps:
              - id: coupon
                webhook:
                  name: coupon
                  method: PUT
                  url: "https://shop.example/coupons/{{ contact.contactId }}"
                  headers: {X-Shop: "42", Content-Type: text/plain}
                  body: "cart {{ event.properties.cart_id }}"
                  timeout: 5s
                  retries: 0
                on_failure: sorry
                goto: done
              - id: sorry
                send: {channel: sms, category: marketing, text: "Sorry"}
              - id: done
                exit: offered
            """;

    @Test
    void aWebhookStepWithEveryOptionMatchesTheSchemaAndBothRejectTheSameMistakes() {
        JourneyReader.read("t.yaml", new StringReader(WEBHOOK));
        assertTrue(!schemaRejects(WEBHOOK));
        List<String> invalid = List.of(
                WEBHOOK.replace("method: PUT", "method: FETCH"),
                WEBHOOK.replace("      url: \"https://shop.example/coupons/{{ contact.contactId }}\"\n", ""),
                WEBHOOK.replace("https://shop.example/", "ftp://shop.example/"),
                WEBHOOK.replace("https://shop.example/", "https://{{ contact.traits.shop }}/"),
                WEBHOOK.replace("retries: 0", "retries: 11"),
                WEBHOOK.replace("name: coupon", "name: Coupon"),
                WEBHOOK.replace("timeout: 5s", "timeout: soon"),
                WEBHOOK.replace("headers: {X-Shop: \"42\", Content-Type: text/plain}", "headers: {}"),
                WEBHOOK.replace("retries: 0", "retry: 0"),
                WEBHOOK.replace("    on_failure: sorry\n", "").replace("    send: {channel: sms, category: marketing, text: \"Sorry\"}",
                        "    send: {channel: sms, category: marketing, text: \"Sorry\"}\n    on_failure: done"));
        for (String yaml : invalid) {
            assertThrows(JourneyFileException.class, () -> JourneyReader.read("t.yaml", new StringReader(yaml)), yaml);
            assertTrue(schemaRejects(yaml), "the schema lets through:\n" + yaml);
        }
    }
}
