package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyReaderTest {
    private static final String VALID = """
            journey: welcome
            name: Welcome
            trigger:
              event: Signed Up
            steps:
              - id: hello
                send:
                  channel: sms
                  category: marketing
                  text: "Hi {{ contact.traits.first_name | default: 'there' }}"
            """;

    private static JourneyFileException error(String yaml) {
        return assertThrows(JourneyFileException.class, () -> JourneyReader.read("welcome.yaml", new StringReader(yaml)));
    }

    @Test
    void readsAJourney() {
        JourneyDefinition journey = JourneyReader.read("welcome.yaml", new StringReader(VALID));
        assertEquals("welcome", journey.id());
        assertEquals(0, journey.version(), "versions are numbered when stored");
        assertEquals("Signed Up", journey.trigger().event());
        assertEquals("hello", journey.step(0).id());
        assertEquals("marketing", ((SendStep) journey.step(0)).category());
        assertEquals(null, journey.step(1));
    }

    @Test
    void anUnknownKeyIsReportedAtItsLineAndColumn() {
        var e = error(VALID.replace("    category: marketing", "    categroy: marketing"));
        assertEquals(9, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().startsWith("welcome.yaml:9:7: unknown key 'categroy'"), e.getMessage());
    }

    @Test
    void brokenYamlIsReportedWhereTheParserStopped() {
        var e = error(VALID.replace("  event: Signed Up", "  event: [Signed Up"));
        assertTrue(e.getMessage().startsWith("welcome.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void brokenLiquidIsReportedAtTheText() {
        var e = error(VALID.replace("| default: 'there' }}", "| default: 'there' "));
        assertEquals(10, e.line());
        assertTrue(e.getMessage().contains("not valid Liquid"), e.getMessage());
    }

    @Test
    void duplicateStepIdsMissingFieldsAndBadValuesAreNamed() {
        String twice = VALID + """
                  - id: hello
                    send: {channel: sms, category: marketing, text: again}
                """;
        assertTrue(error(twice).getMessage().contains("duplicate step id 'hello'"));
        assertTrue(error(VALID.replace("trigger:\n  event: Signed Up\n", "")).getMessage().contains("'trigger' is missing"));
        assertTrue(error(VALID.replace("category: marketing", "category: promo")).getMessage()
                .contains("marketing or transactional"));
        assertTrue(error(VALID.replace("journey: welcome", "journey: Welcome Series")).getMessage()
                .contains("lower-case"));
        assertEquals(1, error("").line());
    }

    private static final String OFFER = """
            journey: offer
            trigger: {event: Checkout Started}
            steps:
              - id: check
                branch:
                  - when: event.properties.value >= 100
                    goto: big
                else: pause
              - id: big
                send: {channel: sms, category: marketing, text: big}
                goto: done
              - id: pause
                wait: 1h
              - id: offer
                split:
                  A: {weight: 45, goto: ten}
                  B: {weight: 45, goto: ship}
                  holdout: {weight: 10}
              - id: ten
                send: {channel: sms, category: marketing, text: ten}
                goto: done
              - id: ship
                send: {channel: sms, category: marketing, text: ship}
              - id: done
                exit: offered
            """;

    @Test
    void readsEveryStepType() {
        JourneyDefinition journey = JourneyReader.read("offer.yaml", new StringReader(OFFER));
        assertTrue(journey.step(0) instanceof BranchStep);
        assertEquals("pause", ((BranchStep) journey.step(0)).otherwise());
        assertEquals(new WaitTime.Delay(java.time.Duration.ofHours(1)), ((WaitStep) journey.step(2)).time());
        assertEquals(3, ((SplitStep) journey.step(3)).variants().size());
        assertEquals("offered", ((ExitStep) journey.step(6)).reason());
        assertEquals(6, journey.following(4), "ten goes to done");
        assertEquals(6, journey.following(5), "ship falls through to done");
    }

    /** OFFER whose split decides itself with these options. */
    private static String autoWinner(String options) {
        return OFFER.replace("      holdout: {weight: 10}\n", "      holdout: {weight: 10}\n    auto_winner: " + options + "\n");
    }

    /** Asserts the error is at the last {@code needle} of {@code yaml} and says {@code says}. */
    private static void assertErrorAt(String yaml, String needle, String says) {
        var e = error(yaml);
        int at = yaml.lastIndexOf(needle);
        int line = (int) yaml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(at - yaml.lastIndexOf('\n', at - 1), e.column(), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void aSplitMayDecideItselfOnAMetric() {
        SplitStep split = (SplitStep) JourneyReader.read("offer.yaml", new StringReader(
                autoWinner("{metric: click, min_runs: 200, confidence: 0.99}"))).step(3);
        assertEquals(new SplitStep.AutoWinner(SplitStep.Metric.CLICK, 200, 0.99), split.autoWinner());
        assertEquals(List.of("A", "B"), split.competing().stream().map(SplitStep.Variant::name).toList());
        SplitStep defaults = (SplitStep) JourneyReader.read("offer.yaml", new StringReader(
                autoWinner("{metric: click}"))).step(3);
        assertEquals(new SplitStep.AutoWinner(SplitStep.Metric.CLICK, 100, 0.95), defaults.autoWinner());
    }

    @Test
    void badAutoWinnerOptionsAreReportedAtTheirValue() {
        assertErrorAt(autoWinner("{metric: revenue}"), "revenue}",
                "metric must be conversion, click or revenue_per_recipient, not 'revenue'");
        assertErrorAt(autoWinner("{metric: click, confidence: 95}"), "95}",
                "confidence must be a number between 0.5 and 1 such as 0.95");
        assertErrorAt(autoWinner("{metric: click, min_runs: 10}"), "10}", "min_runs must be at least 30");
        assertErrorAt(autoWinner("{metric: click, stop_at: 5}"), "stop_at", "unknown key 'stop_at'");
        assertErrorAt(autoWinner("{metric: conversion}"), "conversion}",
                "this metric counts conversions: the journey needs a goal");
        assertErrorAt(OFFER.replace("    goto: done\n  - id: pause", "    goto: done\n    auto_winner: {metric: click}\n"
                + "  - id: pause"), "{metric: click}", "auto_winner belongs to split steps");
    }

    @Test
    void anAutoWinnerNeedsTwoVariantsThatGetMessages() {
        String oneVariant = OFFER.replace("      B: {weight: 45, goto: ship}\n", "")
                .replace("      holdout: {weight: 10}\n", "      holdout: {weight: 10}\n    auto_winner: {metric: click}\n");
        assertErrorAt(oneVariant, "{metric: click}", "auto_winner needs at least two variants");
    }

    @Test
    void stepsWithoutAnIdAreNamedByPosition() {
        JourneyDefinition journey = JourneyReader.read("w.yaml", new StringReader(VALID.replace("steps:\n",
                "steps:\n  - wait: 30m\n")));
        assertEquals("step-1", journey.step(0).id());
    }

    @Test
    void anUnknownGotoTargetIsReportedWhereItIsWritten() {
        var e = error(OFFER.replace("goto: ship", "goto: shipping"));
        assertEquals(17, e.line());
        assertTrue(e.getMessage().contains("'shipping' is not a step of this journey"), e.getMessage());
    }

    @Test
    void aStepNothingLeadsToIsUnreachable() {
        String withOrphan = OFFER.replace("    goto: done\n  - id: pause", "    goto: done\n  - id: orphan\n"
                + "    exit: never\n  - id: pause");
        var e = error(withOrphan);
        assertTrue(e.getMessage().contains("step 'orphan' can never be reached"), e.getMessage());
    }

    @Test
    void aLoopWithoutAWaitIsRejectedAndOneWithAWaitIsFine() {
        String spin = VALID + "    goto: hello\n";
        var e = error(spin);
        assertTrue(e.getMessage().contains("loop without a wait"), e.getMessage());
        String reminder = VALID + "    goto: later\n  - id: later\n    wait: 1d\n    goto: hello\n";
        assertEquals(2, JourneyReader.read("loop.yaml", new StringReader(reminder)).steps().size());
    }

    @Test
    void badConditionsDurationsAndSplitsAreNamed() {
        assertTrue(error(OFFER.replace("value >= 100", "value >=")).getMessage().contains("not valid CEL"));
        assertTrue(error(OFFER.replace("wait: 1h", "wait: 1 hour")).getMessage().contains("not a duration"));
        assertTrue(error(OFFER.replace("holdout: {weight: 10}", "holdout: {weight: 10, goto: ten}")).getMessage()
                .contains("the holdout gets nothing"));
        assertTrue(error(OFFER.replace("A: {weight: 45, goto: ten}", "A: {weight: 45}")).getMessage()
                .contains("variant 'A' needs a goto"));
        assertTrue(error(OFFER.replace("    exit: offered", "    exit: offered\n    send: {channel: sms}"))
                .getMessage().contains("exactly one of"));
    }

    @Test
    void readsWaitForReentryAndExitWhen() {
        String yaml = """
                journey: reminder
                trigger: {event: Product Viewed}
                reentry: {after: 7d}
                exit_when: [Order Completed]
                steps:
                  - id: nudge
                    send: {channel: sms, category: marketing, text: hi}
                  - id: clicked
                    wait_for: {clicked: nudge, within: 1d}
                    on_timeout: bye
                  - exit: clicked
                  - id: bye
                    exit: ignored
                """;
        JourneyDefinition journey = JourneyReader.read("r.yaml", new StringReader(yaml));
        assertEquals(Reentry.Policy.AFTER, journey.reentry().policy());
        assertEquals(java.util.List.of(new ExitWhen("Order Completed", null)), journey.exitWhen());
        WaitForStep waitFor = (WaitForStep) journey.step(1);
        assertTrue(waitFor.waitsForClickOn("nudge"));
        assertEquals("bye", waitFor.onTimeout());
        assertEquals(Reentry.NEVER, JourneyReader.read("w.yaml", new StringReader(VALID)).reentry());
        assertTrue(error(yaml.replace("clicked: nudge", "clicked: bye")).getMessage().contains("not a send step"));
        assertTrue(error(yaml.replace("{clicked: nudge, within: 1d}", "{within: 1d}")).getMessage()
                .contains("one of 'event'"));
        assertTrue(error(yaml.replace("reentry: {after: 7d}", "reentry: sometimes")).getMessage()
                .contains("never, always or {after"));
    }

    @Test
    void readsAReplyWaitWithItsAnswersAndNamesWhatIsWrongWithOne() {
        String yaml = """
                journey: survey
                trigger: {event: Order Completed}
                steps:
                  - id: ask
                    send: {channel: sms, category: marketing, text: "Reply 1 for dresses, 2 for shoes"}
                  - id: answer
                    wait_for:
                      reply_to: ask
                      within: 2d
                      answers:
                        - when: reply.keyword == "1"
                          goto: dresses
                    on_timeout: done
                  - exit: other
                  - id: dresses
                    send: {channel: sms, category: marketing, text: "Dresses: {{ reply.text }}"}
                  - id: done
                    exit: asked
                """;
        JourneyDefinition journey = JourneyReader.read("survey.yaml", new StringReader(yaml));
        WaitForStep answer = (WaitForStep) journey.step(1);
        assertEquals("ask", answer.replyStep());
        assertEquals("dresses", answer.answers().get(0).target());
        assertEquals("a reply to ask", answer.describe());

        var unknown = error(yaml.replace("reply_to: ask", "reply_to: question"));
        assertEquals(8, unknown.line());
        assertEquals(17, unknown.column());
        assertTrue(unknown.getMessage().contains("'question' is not a step of this journey"), unknown.getMessage());
        assertTrue(error(yaml.replace("reply_to: ask", "reply_to: done")).getMessage().contains("not a send step"));
        var badAnswer = error(yaml.replace("reply.keyword == \"1\"", "reply.keyword =="));
        assertEquals(11, badAnswer.line());
        assertTrue(badAnswer.getMessage().contains("not valid CEL"), badAnswer.getMessage());
        assertTrue(error(yaml.replace("reply_to: ask", "clicked: ask")).getMessage()
                .contains("'answers' belongs to wait_for a reply"));
    }

    @Test
    void readsAGoalWithItsRevenuePath() {
        String withGoal = VALID.replace("steps:", "goal: {event: Order Completed, within: 3d, revenue: properties.total}\nsteps:");
        Goal goal = JourneyReader.read("g.yaml", new StringReader(withGoal)).goal();
        assertEquals("Order Completed", goal.event());
        assertEquals(java.time.Duration.ofDays(3), goal.within());
        var order = io.drip.contracts.MessageJson.mapper().createObjectNode();
        order.putObject("properties").put("total", 42.5);
        assertEquals(new java.math.BigDecimal("42.5"), goal.revenueOf(order).orElseThrow());
        assertEquals(Goal.DEFAULT_REVENUE, JourneyReader.read("g.yaml", new StringReader(VALID.replace("steps:",
                "goal: {event: Order Completed, within: 3d}\nsteps:"))).goal().revenuePath());
        assertTrue(error(withGoal.replace("properties.total", "properties..total")).getMessage().contains("dotted path"));
    }

    @Test
    void readsConditionalAndInactivityTriggers() {
        Trigger onBigCheckout = JourneyReader.read("t.yaml", new StringReader(VALID.replace("  event: Signed Up",
                "  event: Checkout Started\n  when: event.properties.value >= 20"))).trigger();
        assertTrue(onBigCheckout.firedBy("Checkout Started", java.util.Map.of("event",
                java.util.Map.of("properties", java.util.Map.of("value", 25)))));
        assertTrue(!onBigCheckout.firedBy("Checkout Started", java.util.Map.of("event",
                java.util.Map.of("properties", java.util.Map.of("value", 5)))));
        Trigger quiet = JourneyReader.read("t.yaml", new StringReader(VALID.replace("  event: Signed Up",
                "  inactive: {for: 30d}"))).trigger();
        assertEquals(java.time.Duration.ofDays(30), quiet.inactiveFor());
        assertTrue(error(VALID.replace("  event: Signed Up", "  event: Signed Up\n  inactive: {for: 30d}"))
                .getMessage().contains("either 'event'"));
    }

    @Test
    void readsAudienceTriggersAndNamesWhatIsWrongWhereItStands() {
        Trigger once = JourneyReader.read("t.yaml", new StringReader(VALID.replace("  event: Signed Up",
                "  audience: {segment: rfm-champions, at: \"2026-11-11T10:00\", local_time: true}"))).trigger();
        assertEquals("rfm-champions", once.audience().segment());
        assertEquals(java.time.LocalDateTime.parse("2026-11-11T10:00"), once.audience().at());
        assertTrue(once.audience().localTime());
        Trigger weekly = JourneyReader.read("t.yaml", new StringReader(VALID.replace("  event: Signed Up",
                "  audience: {segment: vip, every: {week: friday, at: \"18:00\"}}").replace("steps:",
                "reentry: always\nsteps:"))).trigger();
        assertEquals(java.time.DayOfWeek.FRIDAY, weekly.audience().every().weekday());
        assertTrue(weekly.describe().contains("audience: segment vip, every friday at 18:00"), weekly.describe());

        String audience = VALID.replace("  event: Signed Up", "  audience: {segment: vip, at: \"11.11. 10 Uhr\"}");
        assertErrorAt(audience, "\"11.11. 10 Uhr\"", "not a local date and time");
        String both = VALID.replace("  event: Signed Up",
                "  audience: {segment: vip, at: \"2026-11-11T10:00\", every: {month: 1, at: \"10:00\"}}");
        assertErrorAt(both, "{segment", "either once");
        String day = VALID.replace("  event: Signed Up", "  audience: {segment: vip, every: {month: 32, at: \"10:00\"}}")
                .replace("steps:", "reentry: always\nsteps:");
        assertErrorAt(day, "32", "1 to 31");
        String weekday = VALID.replace("  event: Signed Up", "  audience: {segment: vip, every: {week: someday, at: \"10:00\"}}")
                .replace("steps:", "reentry: always\nsteps:");
        assertErrorAt(weekday, "someday", "not a weekday");
        String keyed = VALID.replace("  event: Signed Up",
                "  audience: {segment: vip, at: \"2026-11-11T10:00\"}\n  key: properties.cart_id");
        assertErrorAt(keyed, "properties.cart_id", "one run per contact");
        String eventToo = VALID.replace("  event: Signed Up", "  event: Signed Up\n  audience: {segment: vip, at: \"2026-11-11T10:00\"}");
        assertTrue(error(eventToo).getMessage().contains("'audience: {segment"), error(eventToo).getMessage());
        String recurringOnce = VALID.replace("  event: Signed Up", "  audience: {segment: vip, every: {week: monday, at: \"10:00\"}}");
        assertTrue(error(recurringOnce).getMessage().contains("needs reentry: always"), error(recurringOnce).getMessage());
    }

    @Test
    void readsAnAudiencesSpreadAndRefusesOneThatIsNotAWindowOfADayAtMost() {
        String spread = VALID.replace("  event: Signed Up",
                "  audience: {segment: vip, every: {month: 1, at: \"10:00\"}, local_time: true, spread: 2h}")
                .replace("steps:", "reentry: always\nsteps:");
        Trigger trigger = JourneyReader.read("t.yaml", new StringReader(spread)).trigger();
        assertEquals(java.time.Duration.ofHours(2), trigger.audience().spread());
        assertTrue(trigger.describe().contains("local time, spread over PT2H"), trigger.describe());
        assertEquals(java.time.Duration.ofHours(24), JourneyReader.read("t.yaml", new StringReader(
                spread.replace("spread: 2h", "spread: PT24H"))).trigger().audience().spread(), "a whole day at most");
        assertEquals(null, JourneyReader.read("t.yaml", new StringReader(spread.replace(", spread: 2h", "")))
                .trigger().audience().spread());

        assertErrorAt(spread.replace("spread: 2h", "spread: 0s"), "0s}", "spread is a duration above 0 and at most 24h");
        assertErrorAt(spread.replace("spread: 2h", "spread: -PT1H"), "-PT1H}", "not '-PT1H'");
        assertErrorAt(spread.replace("spread: 2h", "spread: soon"), "soon}", "such as 2h or PT2H");
        assertErrorAt(spread.replace("spread: 2h", "spread: 25h"), "25h}", "within a day of its time");
        assertErrorAt(spread.replace("spread: 2h", "spread: P2D"), "P2D}", "at most 24h");
        String onAnEvent = VALID.replace("  event: Signed Up", "  event: Signed Up\n  spread: 2h");
        assertErrorAt(onAnEvent, "spread: 2h", "use 'throttle:");
    }

    @Test
    void readsAThrottledTriggerAndRefusesARateTooFastToMean() {
        Trigger throttled = JourneyReader.read("t.yaml", new StringReader(VALID.replace("  event: Signed Up",
                "  event: Signed Up\n  throttle: {entries: 200, per: 1m}"))).trigger();
        assertEquals(java.time.Duration.ofMillis(300), throttled.throttle().interval());
        assertTrue(throttled.describe().endsWith("at most 200 per PT1M"), throttled.describe());
        String tooFast = VALID.replace("  event: Signed Up", "  event: Signed Up\n  throttle: {entries: 5000, per: 1s}");
        assertErrorAt(tooFast, "1s}", "more than 1000 a second");
        String none = VALID.replace("  event: Signed Up", "  event: Signed Up\n  throttle: {entries: 0, per: 1s}");
        assertErrorAt(none, "0, per", "above 0");
    }

    @Test
    void readsASendWindowOfLocalTimes() {
        var window = JourneyReader.read("s.yaml", new StringReader(VALID.replace("steps:",
                "send_window: {from: \"10:00\", to: \"19:30\"}\nsteps:"))).sendWindow();
        assertEquals("10:00", window.from());
        assertEquals("19:30", window.to());
        assertTrue(error(VALID.replace("steps:", "send_window: {from: \"10h\", to: \"19:30\"}\nsteps:")).getMessage()
                .contains("not a local time HH:mm"));
    }

    @Test
    void readsASendStepsTagsAndNamesABadOneWhereItStands() {
        String tagged = VALID.replace("    category: marketing\n", "    category: marketing\n      tags: [promo:shoes, urgent]\n");
        SendStep send = (SendStep) JourneyReader.read("welcome.yaml", new StringReader(tagged)).step(0);
        assertEquals(java.util.List.of("promo:shoes", "urgent"), send.tags());
        assertEquals(java.util.List.of(), ((SendStep) JourneyReader.read("welcome.yaml", new StringReader(VALID)).step(0)).tags());

        var bad = error(VALID.replace("    category: marketing\n", "    category: marketing\n      tags: [promo, Black Friday]\n"));
        assertEquals(10, bad.line());
        assertEquals(21, bad.column());
        assertTrue(bad.getMessage().contains("tag 'Black Friday' must be a name or name:value"), bad.getMessage());
        var twice = error(VALID.replace("    category: marketing\n", "    category: marketing\n      tags: [promo, promo]\n"));
        assertEquals(21, twice.column());
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        var notAList = error(VALID.replace("    category: marketing\n", "    category: marketing\n      tags: promo\n"));
        assertEquals(10, notAList.line());
        assertEquals(13, notAList.column());
        assertTrue(notAList.getMessage().contains("tags must be a list"), notAList.getMessage());
    }

    /** VALID whose send step has {@code best_time: <value>}. */
    private static String bestTime(String value) {
        return VALID.replace("    category: marketing\n", "    category: marketing\n      best_time: " + value + "\n");
    }

    @Test
    void readsASendStepsBestTimeAndNamesABadOneWhereItStands() {
        SendStep send = (SendStep) JourneyReader.read("welcome.yaml", new StringReader(bestTime("{within: 24h}"))).step(0);
        assertEquals(java.time.Duration.ofHours(24), send.bestTime().within());
        assertEquals(null, ((SendStep) JourneyReader.read("welcome.yaml", new StringReader(VALID)).step(0)).bestTime());
        assertEquals(java.time.Duration.ofMinutes(90),
                ((SendStep) JourneyReader.read("welcome.yaml", new StringReader(bestTime("{within: 1h30m}"))).step(0))
                        .bestTime().within());

        assertErrorAt(bestTime("{within: soon}"), "soon", "'soon' is not a duration");
        assertErrorAt(bestTime("{within: 8d}"), "8d", "best_time looks at most 7d ahead");
        assertErrorAt(bestTime("24h"), "24h", "best_time is {within: <duration>}, e.g. {within: 24h}");
        assertErrorAt(bestTime("{}"), "{}", "'within' is missing");
        assertErrorAt(bestTime("{within: 24h, hour: 19}"), "hour", "unknown key 'hour' in best_time");
        var error = error(bestTime("{within: 8d}"));
        assertEquals("welcome.yaml", error.file());
        assertEquals(10, error.line());
    }

    private static final String WEBHOOK = """
            journey: coupon
            trigger: {event: Checkout Started}
            steps:
              - id: coupon
                webhook:
                  name: coupon
                  method: POST
                  url: "https://shop.example/coupons?cart={{ event.properties.cart_id }}"
                  headers: {X-Shop: "42"}
                  body: '{"contact": "{{ contact.contactId }}"}'
                  timeout: 5s
                  retries: 2
                on_failure: sorry
              - send: {channel: sms, category: marketing, text: "{{ webhook.coupon.code }}"}
                goto: done
              - id: sorry
                send: {channel: sms, category: marketing, text: "Sorry"}
              - id: done
                exit: offered
            """;

    private static JourneyFileException webhookError(String yaml) {
        return assertThrows(JourneyFileException.class, () -> JourneyReader.read("coupon.yaml", new StringReader(yaml),
                category -> false, "shop.example"::equals));
    }

    @Test
    void readsAWebhookStepWithItsAnswerAndFailureBranches() {
        JourneyDefinition journey = JourneyReader.read("coupon.yaml", new StringReader(WEBHOOK), category -> false,
                "shop.example"::equals);
        WebhookStep webhook = (WebhookStep) journey.step(0);
        assertEquals("coupon", webhook.name());
        assertEquals("POST", webhook.method());
        assertEquals("https://shop.example/coupons?cart={{ event.properties.cart_id | url_encode }}", webhook.urlTemplate());
        assertEquals(java.util.Map.of("X-Shop", "42"), webhook.headers());
        assertEquals(java.time.Duration.ofSeconds(5), webhook.timeout());
        assertEquals(2, webhook.retries());
        assertEquals("sorry", webhook.onFailure());
        var node = JourneyOutline.of(journey).steps().get(0);
        assertEquals("webhook", node.kind());
        assertEquals("POST https://shop.example/coupons as webhook.coupon", node.summary());
        assertEquals(List.of(new JourneyOutline.Edge("step-2", "answer"), new JourneyOutline.Edge("sorry", "failure")),
                node.next());
        WebhookStep defaults = (WebhookStep) JourneyReader.read("c.yaml", new StringReader(WEBHOOK
                .replace("      method: POST\n", "").replace("      timeout: 5s\n", "").replace("      retries: 2\n", "")))
                .step(0);
        assertEquals("POST", defaults.method());
        assertEquals(null, defaults.timeout(), "the configured default");
        assertEquals(null, defaults.retries(), "the configured default");
    }

    @Test
    void aWebhookToAHostNotAllowedIsRefusedAtItsUrl() {
        var e = webhookError(WEBHOOK.replace("https://shop.example/", "https://evil.example/"));
        assertEquals(8, e.line());
        assertEquals(12, e.column());
        assertTrue(e.getMessage().startsWith("coupon.yaml:8:12: host 'evil.example' is not one webhooks may call"),
                e.getMessage());
        var templated = webhookError(WEBHOOK.replace("https://shop.example/", "https://{{ contact.traits.shop }}/"));
        assertTrue(templated.getMessage().contains("whose host is written out"), templated.getMessage());
        var ftp = webhookError(WEBHOOK.replace("https://shop.example/", "ftp://shop.example/"));
        assertEquals(8, ftp.line());
    }

    @Test
    void aBadMethodOrAMissingUrlIsReportedWhereItStands() {
        var method = webhookError(WEBHOOK.replace("method: POST", "method: FETCH"));
        assertEquals(7, method.line());
        assertEquals(15, method.column());
        assertTrue(method.getMessage().contains("method must be one of [DELETE, GET, PATCH, POST, PUT], not 'FETCH'"),
                method.getMessage());
        var missing = webhookError(WEBHOOK.replace("      url: \"https://shop.example/coupons?cart={{ event.properties.cart_id }}\"\n", ""));
        assertEquals(6, missing.line());
        assertEquals(7, missing.column());
        assertTrue(missing.getMessage().contains("'url' is missing"), missing.getMessage());
    }

    @Test
    void aWebhooksOptionsAreChecked() {
        assertTrue(webhookError(WEBHOOK.replace("X-Shop", "Idempotency-Key")).getMessage()
                .contains("cannot be a header of a webhook"));
        assertTrue(webhookError(WEBHOOK.replace("method: POST", "method: GET")).getMessage()
                .contains("a GET request has no body"));
        assertTrue(webhookError(WEBHOOK.replace("timeout: 5s", "timeout: 1m")).getMessage().contains("timeout is at most 30s"));
        assertTrue(webhookError(WEBHOOK.replace("retries: 2", "retries: 11")).getMessage()
                .contains("retries must be a whole number from 0 to 10"));
        assertTrue(webhookError(WEBHOOK.replace("name: coupon", "name: Coupon-Code")).getMessage()
                .contains("name 'Coupon-Code' must be"));
        assertTrue(webhookError(WEBHOOK.replace("{{ contact.contactId }}", "{{ \"https://x.example\" | track }}"))
                .getMessage().contains("cannot use it"));
        var misplaced = webhookError(WEBHOOK.replace("    goto: done\n", "    on_failure: done\n"));
        assertTrue(misplaced.getMessage().contains("on_failure belongs to webhook steps"), misplaced.getMessage());
        var nowhere = webhookError(WEBHOOK.replace("on_failure: sorry", "on_failure: nowhere"));
        assertEquals(13, nowhere.line());
        assertTrue(nowhere.getMessage().contains("'nowhere' is not a step of this journey"), nowhere.getMessage());
    }
}
