package io.drip.console.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answers of contact-service, journey-service, dispatch-service and tracking-service about one contact. */
public final class ContactView {

    private ContactView() {
    }

    /** contact-service's contact: the snapshot plus last activity and RFM scores. */
    public record Profile(String contactId, String phone, String phoneStatus, String timezone, String locale,
            Map<String, Object> traits, Map<String, Map<String, Consent>> consent, List<String> segments,
            Instant updatedAt, Instant lastActivityAt, Map<String, Object> rfm) {
    }

    public record Consent(String state, Instant at, String source) {
    }

    public record Found(List<Profile> contacts, String next) {
    }

    /** The consent API: current state, pending double opt-ins, and the audit trail oldest first. */
    public record ConsentTrail(List<Pending> pending, List<Decision> history) {
    }

    public record Pending(String channel, String category, Instant requestedAt, Instant expiresAt) {
    }

    public record Decision(String channel, String category, String state, String source, Instant at, String messageId,
            String ip, String actor, String keyword, String reason) {
    }

    /** journey-service: one run of the contact with its history. */
    public record Run(String run, String journey, int version, String status, String exitReason, String variant,
            Instant enteredAt, Instant convertedAt, List<RunLine> history) {
    }

    public record RunLine(Instant at, String step, String what, String detail) {
    }

    /** dispatch-service: a message (role ops at the API: it carries the number). */
    public record Message(String messageId, String journeyId, String stepId, String category, String status,
            String reason, String provider, String to, String country, String carrier, Integer segments,
            Instant createdAt, Instant sentAt, Instant deliveredAt) {
    }

    public record MessageDetail(Message message, String text, List<StatusChange> history) {
    }

    public record StatusChange(String status, String reason, String provider, Instant at) {
    }

    /** tracking-service: a click on one of the contact's short links. */
    public record Click(String code, String url, String messageId, String journeyId, String stepId, String variant,
            Instant at, String device, String os, String browser, String country, boolean bot, String botReason) {
    }

    /** An import running on in contact-service: how far it got; {@code report} once done, {@code problem} if it failed. */
    public record ImportJob(String importId, String status, long expectedRows, long rows, long created, long updated,
            long unchanged, long failed, ImportReport report, String problem) {
    }

    public record ImportReport(List<RowError> errors) {
    }

    /** A row not imported: its line, the column at fault (null for the whole row) and why. */
    public record RowError(long line, String field, String message) {
    }
}
