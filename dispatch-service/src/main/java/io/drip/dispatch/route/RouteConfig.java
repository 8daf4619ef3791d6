package io.drip.dispatch.route;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of {@code drip.routes.<name>.*}: which providers, in failover order, carry which
 * numbers (E.164 prefixes) and categories, at what rate, cost per SMS segment and cost per MMS.
 * The route named {@code default} carries what no other route matches.
 */
@ConfigMapping(prefix = "drip.routes")
public interface RouteConfig {

    @WithParentName
    Map<String, Entry> routes();

    interface Entry {
        /** E.164 prefixes, e.g. +33, +4477; none: every number (only sensible for default). */
        Optional<List<String>> prefixes();

        /** marketing and/or transactional; none: both. */
        Optional<List<String>> categories();

        /** Provider names in failover order. */
        List<String> providers();

        /** Messages per second on this route, across all replicas together. */
        @WithDefault("50")
        int rate();

        /** What one SMS segment costs on this route, when the provider does not say (in cost-currency). */
        Optional<BigDecimal> costPerSegment();

        /**
         * What one MMS costs on this route, when the provider does not say (in cost-currency): an
         * MMS is billed as one message, not per segment; none: an MMS has no cost unless the provider says.
         */
        Optional<BigDecimal> costPerMms();

        /** ISO 4217 code of cost-per-segment and cost-per-mms, e.g. EUR. */
        Optional<String> costCurrency();
    }
}
