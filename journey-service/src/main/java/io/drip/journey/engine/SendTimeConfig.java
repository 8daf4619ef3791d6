package io.drip.journey.engine;

import io.smallrye.config.ConfigMapping;

/**
 * {@code drip.journeys.send-time.*}: the local hours a {@code best_time} send step of a
 * marketing message chooses within when its journey has no {@code send_window}. They are
 * dispatch's default window (the same DRIP_SEND_WINDOW_FROM and _TO), so the hour chosen is one
 * dispatch sends at; from = to means no window.
 */
@ConfigMapping(prefix = "drip.journeys.send-time")
public interface SendTimeConfig {
    /** HH:mm, the window's opening. */
    String windowFrom();

    /** HH:mm, the window's end (before from: the window crosses midnight). */
    String windowTo();
}
