package io.drip.dispatch.smpp;

import com.cloudhopper.commons.charset.CharsetUtil;
import io.drip.dispatch.provider.Accepted;
import io.drip.dispatch.provider.ProviderException;
import io.drip.dispatch.provider.SmsProvider;
import io.drip.dispatch.provider.Submission;
import io.drip.dispatch.text.SmsText;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * An SMPP 3.4 client (jsmpp): one transceiver session (bind_transceiver) to the SMSC, kept
 * alive with enquire_link every {@code drip.smpp.enquire-link} and bound again after
 * {@code drip.smpp.reconnect-delay} whenever it drops. A message goes out as one submit_sm per
 * part, concatenated with the SAR optional parameters (sar_msg_ref_num, sar_total_segments,
 * sar_segment_seqnum), in the GSM default alphabet (data_coding 0) or UCS-2 (data_coding 8);
 * the first part asks for the delivery receipt, and its message id is the message's provider
 * id. Receipts and inbound SMS arrive as deliver_sm ({@link SmppReceiver}). SMPP has no
 * idempotency key, so an attempt of unknown outcome is not submitted again.
 */
@ApplicationScoped
public class SmppProvider implements SmsProvider {
    public static final String NAME = "smpp";
    private static final Logger LOG = Logger.getLogger(SmppProvider.class);
    /** SMSC answers that say the number is wrong, and those that say "not now". */
    private static final Set<Integer> NUMBER_ERRORS = Set.of(SMPPConstant.STAT_ESME_RINVDSTADR);
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(SMPPConstant.STAT_ESME_RTHROTTLED,
            SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSUBMITFAIL);

    @Inject
    SmppReceiver receiver;

    @ConfigProperty(name = "drip.smpp.host")
    Optional<String> host;

    @ConfigProperty(name = "drip.smpp.port")
    int port;

    @ConfigProperty(name = "drip.smpp.system-id")
    Optional<String> systemId;

    @ConfigProperty(name = "drip.smpp.password")
    Optional<String> password;

    @ConfigProperty(name = "drip.smpp.system-type")
    Optional<String> systemType;

    @ConfigProperty(name = "drip.smpp.source-addr")
    Optional<String> sourceAddr;

    @ConfigProperty(name = "drip.smpp.enquire-link")
    Duration enquireLink;

    @ConfigProperty(name = "drip.smpp.reconnect-delay")
    Duration reconnectDelay;

    @ConfigProperty(name = "drip.dispatch.provider-timeout")
    Duration timeout;

    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smpp-connector");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SMPPSession session;
    private volatile boolean stopping;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configured() {
        return host.isPresent() && systemId.isPresent();
    }

    void start(@Observes StartupEvent event) {
        if (configured()) {
            connector.execute(this::connect);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        connector.shutdownNow();
        SMPPSession current = session;
        if (current != null) {
            current.unbindAndClose();
        }
    }

    /** Whether a bound session is there (for tests and health). */
    public boolean bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        SMPPSession attempt = new SMPPSession();
        attempt.setEnquireLinkTimer((int) enquireLink.toMillis());
        attempt.setTransactionTimer(timeout.toMillis());
        attempt.setMessageReceiverListener(receiver.listenerFor(attempt));
        attempt.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && source == session && !stopping) {
                LOG.warnf("SMPP session to %s:%d closed; binding again in %s", host.orElse(""), port, reconnectDelay);
                session = null;
                reconnectLater();
            }
        });
        try {
            attempt.connectAndBind(host.orElseThrow(), port, new BindParameter(BindType.BIND_TRX, systemId.orElseThrow(),
                    password.orElse(""), systemType.orElse(""), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            session = attempt;
            LOG.infof("SMPP session bound to %s:%d as %s", host.orElse(""), port, systemId.orElse(""));
        } catch (IOException e) {
            LOG.warnf("cannot bind to the SMSC at %s:%d (%s); trying again in %s", host.orElse(""), port, e.getMessage(),
                    reconnectDelay);
            attempt.close();
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (!stopping) {
            connector.schedule(this::connect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Uni<Accepted> submit(Submission submission) {
        return Uni.createFrom().item(() -> submitBlocking(submission)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Accepted submitBlocking(Submission submission) {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isBound()) {
            throw ProviderException.transientFailure("provider_unavailable", "no bound SMPP session", null);
        }
        SmsText sms = submission.sms();
        List<String> parts = sms.parts();
        short reference = (short) ThreadLocalRandom.current().nextInt(1, 65536);
        String firstId = null;
        for (int i = 0; i < parts.size(); i++) {
            try {
                String id = current.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                        sourceAddr.orElse(""), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        submission.to().replace("+", ""), new ESMClass(), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(i == 0 ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0, dataCoding(sms), (byte) 0, encode(parts.get(i), sms),
                        sar(reference, parts.size(), i + 1)).getMessageId();
                firstId = firstId == null ? id : firstId;
            } catch (NegativeResponseException e) {
                throw refused(e.getCommandStatus(), firstId != null, e);
            } catch (ResponseTimeoutException | IOException e) {
                throw ProviderException.unknownOutcome("provider_connection_lost", e.toString(), e);
            } catch (PDUException e) {
                throw ProviderException.permanent("provider_rejected", e.getMessage());
            } catch (Exception e) {
                throw firstId == null ? ProviderException.transientFailure("provider_error", e.toString(), e)
                        : ProviderException.unknownOutcome("provider_error", e.toString(), e);
            }
        }
        return new Accepted(firstId, parts.size());
    }

    /** An SMSC refusal; after a first part went out, the message is half sent: outcome unknown. */
    private static ProviderException refused(int status, boolean partSent, Exception e) {
        String detail = "SMSC command status 0x" + Integer.toHexString(status);
        if (partSent) {
            return ProviderException.unknownOutcome("partly_sent", detail, e);
        }
        if (NUMBER_ERRORS.contains(status)) {
            return ProviderException.undeliverableNumber("number_invalid", detail);
        }
        if (TRANSIENT_ERRORS.contains(status)) {
            return ProviderException.transientFailure(status == SMPPConstant.STAT_ESME_RTHROTTLED ? "provider_throttled"
                    : "provider_unavailable", detail, e);
        }
        return ProviderException.permanent("provider_rejected", detail);
    }

    private static OptionalParameter[] sar(short reference, int total, int seqnum) {
        if (total == 1) {
            return new OptionalParameter[0];
        }
        return new OptionalParameter[] {new OptionalParameter.Sar_msg_ref_num(reference),
                new OptionalParameter.Sar_total_segments((byte) total), new OptionalParameter.Sar_segment_seqnum((byte) seqnum)};
    }

    static GeneralDataCoding dataCoding(SmsText sms) {
        return new GeneralDataCoding(sms.encoding() == SmsText.Encoding.GSM7 ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2);
    }

    /** GSM 03.38 one septet per byte (unpacked, as SMPP carries it), or UTF-16BE for UCS-2. */
    static byte[] encode(String text, SmsText sms) {
        return sms.encoding() == SmsText.Encoding.GSM7 ? CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM)
                : text.getBytes(StandardCharsets.UTF_16BE);
    }

    /** The text of a short message in its data coding (8: UCS-2; else the GSM default alphabet). */
    static String decode(byte[] message, byte dataCoding) {
        return dataCoding == 0x08 ? new String(message, StandardCharsets.UTF_16BE)
                : CharsetUtil.decode(message, CharsetUtil.CHARSET_GSM);
    }
}
