package io.drip.journey.definition;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Assigns each contact to one variant by weight, deterministically for a contact, journey
 * version and step, so a replay or restart gives the same variant. A holdout variant has no
 * target: its contacts get nothing and leave with reason {@code holdout}, to be measured against.
 * With {@code auto_winner}, the split may decide itself; once it has, contacts who would have
 * taken another variant take the winner, and the holdout keeps its share.
 *
 * @param autoWinner null when the marketer decides
 */
public record SplitStep(String id, List<Variant> variants, AutoWinner autoWinner) implements Step {
    /** The name of the variant that gets nothing, and the exit reason of its runs. */
    public static final String HOLDOUT = "holdout";

    /** A variant: its name, weight and the step it leads to (null for the holdout). */
    public record Variant(String name, int weight, String target) {
        public boolean holdout() {
            return target == null;
        }
    }

    /** What a split that decides itself compares, from how many runs on, and how sure it must be. */
    public record AutoWinner(Metric metric, int minRuns, double confidence) {
        /** The share of A/A tests allowed to name a winner: 1 − confidence. */
        public double alpha() {
            return 1 - confidence;
        }
    }

    /** What makes a variant better, as written in the YAML. */
    public enum Metric {
        CONVERSION("conversion"), CLICK("click"), REVENUE_PER_RECIPIENT("revenue_per_recipient");

        private final String yaml;

        Metric(String yaml) {
            this.yaml = yaml;
        }

        @JsonValue
        public String yaml() {
            return yaml;
        }

        public static Optional<Metric> of(String yaml) {
            return Arrays.stream(values()).filter(m -> m.yaml.equals(yaml)).findFirst();
        }
    }

    @Override
    public String next() {
        return null;
    }

    /** The variants that get messages, in the file's order: those an auto-winner chooses between. */
    public List<Variant> competing() {
        return variants.stream().filter(v -> !v.holdout()).toList();
    }

    /**
     * The variant a contact takes: the one of {@link #variantFor}, unless a winner has been
     * decided, which then replaces every variant but the holdout.
     */
    public Variant assign(String journeyId, int version, String contactId, Optional<String> winner) {
        Variant drawn = variantFor(journeyId, version, contactId);
        if (drawn.holdout() || winner.isEmpty()) {
            return drawn;
        }
        return variants.stream().filter(v -> v.name().equals(winner.get())).findFirst().orElse(drawn);
    }

    /**
     * The variant of a contact: a hash of journey, version, step and contact picks a point in the
     * total weight, so the same contact always lands in the same variant and variants fill in
     * proportion to their weights.
     */
    public Variant variantFor(String journeyId, int version, String contactId) {
        int total = variants.stream().mapToInt(Variant::weight).sum();
        long point = Math.floorMod(hash(journeyId + ":" + version + ":" + id + ":" + contactId), (long) total);
        for (Variant variant : variants) {
            point -= variant.weight();
            if (point < 0) {
                return variant;
            }
        }
        throw new IllegalStateException("weights sum to " + total);
    }

    private static long hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
