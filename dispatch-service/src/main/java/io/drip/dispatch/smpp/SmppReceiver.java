package io.drip.dispatch.smpp;

import io.drip.contracts.DeliveryStatus;
import io.drip.dispatch.inbound.InboundMessages;
import io.drip.dispatch.send.Receipts;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;

/**
 * What the SMSC sends us as deliver_sm: delivery receipts (applied to the message the first
 * part's id names) and inbound SMS (published on drip.inbound.v1). deliver_sm_resp goes back
 * only after the transaction committed, so a failure makes the SMSC deliver it again.
 */
@ApplicationScoped
public class SmppReceiver {
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(10);

    @Inject
    Receipts receipts;

    @Inject
    InboundMessages inbound;

    @Inject
    Pool pool;

    MessageReceiverListener listenerFor(SMPPSession session) {
        return new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                if (deliverSm.isSmscDeliveryReceipt()) {
                    receipt(deliverSm);
                } else {
                    inbound(session, deliverSm);
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
                // nothing to do: Drip does not hold messages for absent subscribers
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
            }
        };
    }

    private void receipt(DeliverSm deliverSm) throws ProcessRequestException {
        DeliveryReceipt receipt;
        try {
            receipt = deliverSm.getShortMessageAsDeliveryReceipt();
        } catch (InvalidDeliveryReceiptException e) {
            throw new ProcessRequestException("unreadable delivery receipt: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        }
        DeliveryReceiptState state = receipt.getFinalStatus();
        if (state == DeliveryReceiptState.ENROUTE || state == DeliveryReceiptState.ACCEPTD) {
            return; // not final yet
        }
        String status = switch (state) {
            case DELIVRD -> DeliveryStatus.DELIVERED;
            case REJECTD -> DeliveryStatus.FAILED;
            default -> DeliveryStatus.UNDELIVERED;
        };
        String reason = status.equals(DeliveryStatus.DELIVERED) ? null
                : "smpp_" + state.name().toLowerCase() + (receipt.getError() == null ? "" : "_" + receipt.getError());
        pool.withTransaction(tx -> receipts.apply(tx, new Receipts.Receipt(SmppProvider.NAME, receipt.getId(), status,
                reason, false, Instant.now()))).await().atMost(COMMIT_WAIT);
    }

    private void inbound(SMPPSession session, DeliverSm deliverSm) {
        String from = deliverSm.getSourceAddr().startsWith("+") ? deliverSm.getSourceAddr() : "+" + deliverSm.getSourceAddr();
        var sms = new InboundMessages.Received(SmppProvider.NAME, session.getSessionId() + ":" + deliverSm.getSequenceNumber(),
                from, deliverSm.getDestAddress(), SmppProvider.decode(deliverSm.getShortMessage(), deliverSm.getDataCoding()),
                Instant.now());
        pool.withTransaction(tx -> inbound.receive(tx, sms)).await().atMost(COMMIT_WAIT);
    }
}
