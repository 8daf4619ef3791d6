package io.drip.journey.stats;

import io.drip.journey.audience.RoundRow;
import io.drip.kit.web.Period;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A journey's runs by status, why runs exited, conversions, its steps' results and its A/B splits'
 * results, in all versions ({@code version} null) or in one. {@code reached} counts, per step id,
 * the runs whose history shows them at that step (a run going through a step twice counts once);
 * {@code replies}, per reply wait (wait_for reply_to), its answers; {@code audience}, an audience
 * journey's latest rounds with their progress (members reached of the audience's size, runs
 * entered), the latest first (empty for other journeys); {@code queued}, the runs of a throttled
 * journey waiting in its queue for their first step now (whenever they entered, of any version);
 * {@code webhooks}, per webhook
 * step, its calls.
 * Every figure is of the runs that entered in {@code period} (unbounded sides are null) and of
 * their messages, whenever what is counted happened.
 */
public record JourneyStats(String journey, Integer version, Period period, long entered, long active, long completed, long exited,
        Map<String, Long> exitReasons, long converted, BigDecimal revenue, Map<String, Long> reached, List<StepStats> steps,
        Map<String, ReplyStats> replies, Map<String, SplitResults> splits, List<RoundRow> audience, long queued,
        Map<String, WebhookStats> webhooks) {

    /**
     * The answers a reply wait got: how many, and how many led to each step ({@code (end)}: past
     * the last step), i.e. per answer of {@code answers} and for any other reply.
     */
    public record ReplyStats(long replied, Map<String, Long> ledTo) {
    }

    /**
     * The calls a webhook step made (one per run that reached it): {@code attempts} made in all,
     * {@code failures} of them failed; calls {@code answered}, {@code failed} for good (the run
     * took on_failure or exited), still {@code pending}, or {@code abandoned} (the run ended first).
     */
    public record WebhookStats(long calls, long attempts, long failures, long answered, long failed, long pending,
            long abandoned) {
    }
}
