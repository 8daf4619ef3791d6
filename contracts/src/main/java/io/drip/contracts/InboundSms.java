package io.drip.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An SMS a contact sent to us, on {@code drip.inbound.v1}. {@code inboundId} is the provider's
 * id of the message, the idempotency key.
 *
 * <p>dispatch-service, which receives the SMS, is the one place that recognises keywords; it puts
 * what it recognised on the record and consumers act on {@code action} without reading the text
 * again, so no two services can disagree on what a message means.
 *
 * @param keyword the recognised keyword as the person wrote it, normalised (e.g. STOP, TD, 退订,
 *                HELP), null when none
 * @param action  what the keyword asks for, null when there is none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InboundSms(
        String inboundId,
        String contactId,
        String from,
        String to,
        String text,
        String keyword,
        Action action,
        String provider,
        Instant at) {

    /** The vocabulary of {@code action}: what a keyword asks for. */
    public enum Action {
        /** stop marketing messages (STOP, TD, 退订...) */
        @JsonProperty("opt_out") OPT_OUT,
        /** stop every message, transactional ones too (STOPALL) */
        @JsonProperty("opt_out_all") OPT_OUT_ALL,
        /** start again (START, UNSTOP) */
        @JsonProperty("opt_in") OPT_IN,
        /** confirm a pending double opt-in ("Reply Y to confirm") */
        @JsonProperty("confirm") CONFIRM,
        /** asks for the help text (HELP, INFO) */
        @JsonProperty("help") HELP
    }

    /** An SMS whose text is no keyword. */
    public static InboundSms text(String inboundId, String contactId, String from, String to, String text,
            String provider, Instant at) {
        return new InboundSms(inboundId, contactId, from, to, text, null, null, provider, at);
    }

    /** An SMS that is a keyword asking for {@code action}. */
    public static InboundSms keyword(String inboundId, String contactId, String from, String to, String text,
            String keyword, Action action, String provider, Instant at) {
        return new InboundSms(inboundId, contactId, from, to, text, keyword, action, provider, at);
    }
}
