package io.drip.journey.definition;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Assigns each contact to one variant by weight, deterministically for a contact, journey
 * version and step, so a replay or restart gives the same variant. A holdout variant has no
 * target: its contacts get nothing and leave with reason {@code holdout}, to be measured against.
 */
public record SplitStep(String id, List<Variant> variants) implements Step {
    /** The name of the variant that gets nothing, and the exit reason of its runs. */
    public static final String HOLDOUT = "holdout";

    /** A variant: its name, weight and the step it leads to (null for the holdout). */
    public record Variant(String name, int weight, String target) {
        public boolean holdout() {
            return target == null;
        }
    }

    @Override
    public String next() {
        return null;
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
