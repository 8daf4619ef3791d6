package io.drip.journey.engine;

/** What one attempt of a webhook call got. */
public sealed interface WebhookResult {

    /** How the run's history shows it. */
    String describe();

    /** The endpoint answered with a 2xx status and this body (empty: none). */
    record Answered(int status, String body) implements WebhookResult {
        @Override
        public String describe() {
            return "HTTP " + status;
        }
    }

    /**
     * The attempt failed: an HTTP status outside 2xx (null when there was no answer), or a
     * connection error, timeout or refused call; {@code retryable} when another attempt may do better.
     */
    record Failed(Integer status, String error, boolean retryable) implements WebhookResult {
        @Override
        public String describe() {
            return status == null ? error : "HTTP " + status + (error == null ? "" : ": " + error);
        }
    }

    /**
     * The result of an answer with this status: 2xx answered; 408, 425, 429 and 5xx failed for
     * now (the shop is busy or down: retried); any other status failed for good (the request is
     * wrong, a retry sends the same). Redirects are not followed (the allow-list names hosts).
     */
    static WebhookResult ofStatus(int status, String body) {
        if (status >= 200 && status < 300) {
            return new Answered(status, body);
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        return new Failed(status, status >= 300 && status < 400 ? "redirects are not followed" : null, retryable);
    }

    /** No answer: the connection failed or the attempt timed out. Retried. */
    static WebhookResult unanswered(String error) {
        return new Failed(null, error, true);
    }

    /** The call was not made or its answer not taken (host not allowed, answer too large...). Not retried. */
    static WebhookResult refused(String error) {
        return new Failed(null, error, false);
    }
}
