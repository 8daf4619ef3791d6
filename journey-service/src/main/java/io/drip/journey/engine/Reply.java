package io.drip.journey.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.contracts.InboundSms;
import io.drip.contracts.MessageJson;
import io.drip.kit.sms.Keywords;
import java.time.Instant;

/**
 * An SMS from the contact as a journey sees it. {@code keyword} is its first word normalised as
 * SMS keywords are ({@link Keywords#firstWord}: "dresses!" is DRESSES), what a journey asking for
 * a one-word answer branches on; {@code action} is the consent keyword (or HELP) dispatch
 * recognised it as, null for any other text.
 */
public record Reply(String inboundId, String text, String keyword, InboundSms.Action action, Instant at) {

    /** A reply as drip.inbound.v1 carries it: dispatch has recognised its keyword already. */
    public static Reply of(InboundSms sms) {
        return new Reply(sms.inboundId(), sms.text(), Keywords.firstWord(sms.text()), sms.action(), sms.at());
    }

    /** An opt-out (STOP, TD, 退订, STOPALL...): a consent change, which also ends the conversation. */
    public boolean optsOut() {
        return action == InboundSms.Action.OPT_OUT || action == InboundSms.Action.OPT_OUT_ALL;
    }

    /**
     * Does it answer a question? Not an opt-out, nor HELP (contact-service sends the help text);
     * any other text does, START, YES and Y included ("Reply YES to confirm"), which contact-service
     * applies as well.
     */
    public boolean answers() {
        return !optsOut() && action != InboundSms.Action.HELP;
    }

    /** What texts and conditions read as {@code reply}: {@code text}, {@code keyword} and {@code at}. */
    public ObjectNode json() {
        ObjectNode json = MessageJson.mapper().createObjectNode().put("text", text).put("keyword", keyword);
        return json.put("at", at.toString());
    }
}
