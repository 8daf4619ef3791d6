package io.drip.tracking.stats;

/**
 * Clicks on a set of links.
 *
 * @param uniqueHuman distinct contacts with at least one human click (each recipient has own links)
 */
public record ClickCounts(long total, long human, long uniqueHuman, long bot) {
}
