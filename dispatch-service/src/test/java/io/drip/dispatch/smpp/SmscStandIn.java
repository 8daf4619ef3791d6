package io.drip.dispatch.smpp;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC on a free local port (jsmpp's server side): accepts binds from system id "drip"
 * with password "secret", takes submit_sm (recording each part with its SAR parameters),
 * refuses {@code ...0000} numbers with ESME_RINVDSTADR, and sends deliver_sm receipts and
 * inbound SMS on request. It can drop the session to check that the client binds again.
 */
public class SmscStandIn implements QuarkusTestResourceLifecycleManager {

    /** One submit_sm the SMSC took. */
    public record Part(String messageId, String to, byte dataCoding, byte[] message, Short reference, Byte total,
            Byte seqnum) {
    }

    public static final List<Part> PARTS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger BINDS = new AtomicInteger();
    public static final AtomicInteger ENQUIRE_LINKS = new AtomicInteger();
    private static volatile SMPPServerSession current;

    private SMPPServerSessionListener listener;
    private Thread acceptor;

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            listener = new SMPPServerSessionListener(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the SMSC stand-in", e);
        }
        acceptor = new Thread(this::acceptSessions, "smsc-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("drip.smpp.host", "127.0.0.1", "drip.smpp.port", Integer.toString(port));
    }

    private void acceptSessions() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                SMPPServerSession session = listener.accept();
                session.setMessageReceiverListener(new Receiver());
                BindRequest bind = session.waitForBind(5000);
                if ("drip".equals(bind.getSystemId()) && "secret".equals(bind.getPassword())) {
                    bind.accept("smsc");
                    BINDS.incrementAndGet();
                    current = session;
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                }
            } catch (Exception e) {
                if (listener == null) {
                    return;
                }
            }
        }
    }

    /** Drops the bound session, as an SMSC restart would. */
    public static void dropSession() {
        current.close();
    }

    /** Sends a delivery receipt for a message id in a deliver_sm. */
    public static void deliverReceipt(String messageId, String to, DeliveryReceiptState state) throws Exception {
        Date now = new Date();
        String receipt = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0, now, now, state,
                state == DeliveryReceiptState.DELIVRD ? "000" : "001", "").toString();
        current.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to.replace("+", ""),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "DRIP",
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0,
                (byte) 0, new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_DEFAULT),
                receipt.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends an SMS from a phone in a deliver_sm, in UCS-2. */
    public static void deliverInbound(String from, String text) throws Exception {
        current.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from.replace("+", ""),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "DRIP", new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_UCS2), text.getBytes(StandardCharsets.UTF_16BE));
    }

    public static List<Part> partsTo(String to) {
        return PARTS.stream().filter(p -> ("+" + p.to()).equals(to)).toList();
    }

    @Override
    public void stop() {
        try {
            SMPPServerSessionListener closing = listener;
            listener = null;
            acceptor.interrupt();
            closing.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }

    private static final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            if (submitSm.getDestAddress().endsWith("0000")) {
                throw new ProcessRequestException("invalid destination", SMPPConstant.STAT_ESME_RINVDSTADR);
            }
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            OptionalParameter.Short reference = (OptionalParameter.Short) submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM);
            OptionalParameter.Byte total = (OptionalParameter.Byte) submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
            OptionalParameter.Byte seqnum = (OptionalParameter.Byte) submitSm.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
            PARTS.add(new Part(id, submitSm.getDestAddress(), submitSm.getDataCoding(), submitSm.getShortMessage(),
                    reference == null ? null : reference.getValue(), total == null ? null : total.getValue(),
                    seqnum == null ? null : seqnum.getValue()));
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (Exception e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
            ENQUIRE_LINKS.incrementAndGet();
        }
    }
}
