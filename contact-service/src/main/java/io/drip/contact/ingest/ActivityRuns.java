package io.drip.contact.ingest;

import io.drip.contracts.SegmentMessage;
import io.drip.kit.consume.Traced;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch of Segment messages, in order, into runs of activity (track and page messages,
 * which only move a contact's last activity and are published) and single identify or alias
 * messages, which change the contact and must be applied where they stand.
 */
final class ActivityRuns {

    private ActivityRuns() {
    }

    static boolean isActivity(Traced<SegmentMessage> traced) {
        return !traced.message().isIdentify() && !traced.message().isAlias();
    }

    static List<List<Traced<SegmentMessage>>> of(List<Traced<SegmentMessage>> messages) {
        List<List<Traced<SegmentMessage>>> runs = new ArrayList<>();
        List<Traced<SegmentMessage>> activity = new ArrayList<>();
        for (Traced<SegmentMessage> message : messages) {
            if (isActivity(message)) {
                activity.add(message);
                continue;
            }
            if (!activity.isEmpty()) {
                runs.add(activity);
                activity = new ArrayList<>();
            }
            runs.add(List.of(message));
        }
        if (!activity.isEmpty()) {
            runs.add(activity);
        }
        return runs;
    }
}
