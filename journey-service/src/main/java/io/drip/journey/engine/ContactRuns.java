package io.drip.journey.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One contact's runs, as much of them as deciding its events needs: the active runs, the last
 * run entered per journey and key (for re-entry), and what a goal event may convert. The
 * {@link EventDecider} updates it as it decides, so the contact's next event sees what the one
 * before it did, whether the engine stores the batch afterwards or the simulator plays it.
 */
public final class ContactRuns {

    /** The last run entered into a journey with a key, and when. */
    public record Entry(UUID runId, Instant at) {
    }

    private final String contactId;
    private final Supplier<UUID> runIds;
    private final Map<UUID, Run> active = new LinkedHashMap<>();
    private final Map<String, Entry> lastEntered = new LinkedHashMap<>();
    private final List<Touch> touches = new ArrayList<>();
    private final Set<UUID> converted = new HashSet<>();

    /** @param runIds the ids of runs entered (random in the engine, numbered in the simulator) */
    public ContactRuns(String contactId, Supplier<UUID> runIds) {
        this.contactId = contactId;
        this.runIds = runIds;
    }

    UUID newRunId() {
        return runIds.get();
    }

    public String contactId() {
        return contactId;
    }

    /** An active run, in the order they were entered. */
    public void addActive(Run run) {
        active.put(run.id(), run);
        enteredAt(run.journeyId(), run.runKey(), run.id(), run.enteredAt());
    }

    /** The contact's last run entered into the journey with this key (ended or not). */
    public void enteredAt(String journeyId, String runKey, UUID runId, Instant at) {
        Entry known = lastEntered.get(journeyId + '\n' + runKey);
        if (known == null || !known.at().isAfter(at)) {
            lastEntered.put(journeyId + '\n' + runKey, new Entry(runId, at));
        }
    }

    /** A message or holdout of a run not converted yet. */
    public void addTouch(Touch touch) {
        touches.add(touch);
    }

    public List<Run> active() {
        return List.copyOf(active.values());
    }

    public Optional<Run> activeRun(UUID runId) {
        return Optional.ofNullable(active.get(runId));
    }

    Optional<Run> activeIn(String journeyId, String runKey) {
        return active.values().stream().filter(r -> r.journeyId().equals(journeyId) && r.runKey().equals(runKey))
                .findFirst();
    }

    Optional<Entry> lastEntered(String journeyId, String runKey) {
        return Optional.ofNullable(lastEntered.get(journeyId + '\n' + runKey));
    }

    /** The latest message or holdout of the journey's runs not yet converted. */
    Optional<Touch> lastTouch(String journeyId) {
        Touch last = null;
        for (Touch touch : touches) {
            if (touch.journeyId().equals(journeyId) && !converted.contains(touch.runId())
                    && (last == null || !touch.at().isBefore(last.at()))) {
                last = touch;
            }
        }
        return Optional.ofNullable(last);
    }

    void converted(UUID runId) {
        converted.add(runId);
    }

    /** A human click on a message: the goal's window then counts from it. */
    public void clicked(String messageId, Instant at) {
        touches.replaceAll(t -> messageId.equals(t.messageId()) ? t.clicked(at) : t);
    }

    /** A run moved on by a click, delivery or reply its wait_for step waited for. */
    public void moved(Run run) {
        active.replace(run.id(), run);
    }

    void ended(Run run) {
        active.remove(run.id());
    }

    /** What an attempt of a run's webhook call did to it: moved on, ended, or (a retry) nothing yet. */
    public void called(WebhookOutcome outcome) {
        if (outcome instanceof WebhookOutcome.Answered answered) {
            moved(answered.moved());
        } else if (outcome instanceof WebhookOutcome.GaveUp gaveUp) {
            if (gaveUp.moved() == null) {
                ended(gaveUp.run());
            } else {
                moved(gaveUp.moved());
            }
        }
    }

    /** What a walk of one of the runs did: where it stands, and the messages it sent or its holdout. */
    public void walked(Walk walk, Instant now) {
        for (Walk.Effect effect : walk.effects()) {
            if (effect instanceof Walk.Send send) {
                addTouch(Touch.message(walk.run(), send.command().messageId(), send.stepId(), now));
            }
        }
        if (walk.ended()) {
            ended(walk.run());
            if (walk.heldOut()) {
                addTouch(Touch.holdout(walk.run(), now));
            }
        } else {
            moved(walk.run());
        }
    }
}
