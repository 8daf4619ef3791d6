package io.drip.contact.ingest;

import io.drip.contracts.SegmentMessage;
import io.drip.kit.consume.Traced;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch of Segment messages, in order, into runs that can each be applied at once: runs
 * of activity (track and page messages, which only move a contact's last activity and are
 * published), runs of identify messages (applied together, a contact's calls in their order),
 * and single alias messages, which merge two contacts and must be applied where they stand.
 */
final class ActivityRuns {

    private ActivityRuns() {
    }

    static boolean isActivity(Traced<SegmentMessage> traced) {
        return !traced.message().isIdentify() && !traced.message().isAlias();
    }

    static List<List<Traced<SegmentMessage>>> of(List<Traced<SegmentMessage>> messages) {
        List<List<Traced<SegmentMessage>>> runs = new ArrayList<>();
        List<Traced<SegmentMessage>> run = new ArrayList<>();
        for (Traced<SegmentMessage> message : messages) {
            if (!run.isEmpty() && (message.message().isAlias() || !sameKind(run.get(0), message))) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(message);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static boolean sameKind(Traced<SegmentMessage> first, Traced<SegmentMessage> next) {
        return first.message().isIdentify() ? next.message().isIdentify() : isActivity(first) && isActivity(next);
    }
}
