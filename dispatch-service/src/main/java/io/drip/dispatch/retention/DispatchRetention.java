package io.drip.dispatch.retention;

import io.drip.kit.retention.PrunedTables;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/** dispatch-service's tables that service-kit's Pruner keeps short. */
@ApplicationScoped
public class DispatchRetention implements PrunedTables {

    /** {@code drip.retention.*} of dispatch-service (env DRIP_RETENTION_MESSAGE_EVENTS, ..._EARLY_RECEIPTS). */
    @ConfigMapping(prefix = "drip.retention")
    public interface Periods {
        /** How long a message's status history (GET /v1/messages/{id}) is kept; the message itself stays. */
        @WithDefault("P180D")
        Duration messageEvents();

        /**
         * How long a receipt that overtook its message waits: one whose message is not recorded as
         * sent by then never will be.
         */
        @WithDefault("P7D")
        Duration earlyReceipts();
    }

    @Inject
    Periods periods;

    @Override
    public List<Table> tables() {
        return List.of(new Table("message_event", "at", periods.messageEvents()),
                new Table("early_receipt", "at", periods.earlyReceipts()));
    }
}
