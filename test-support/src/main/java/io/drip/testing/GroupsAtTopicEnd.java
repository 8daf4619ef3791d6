package io.drip.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the service's consumer groups at the current end of their topics before the service
 * starts, so a module's tests see what they produce, not the backlog earlier modules left on the
 * shared test broker (e.g. contact-service's 100 000-contact import on drip.contacts.v1). Init
 * args: consumer group → topic.
 */
public class GroupsAtTopicEnd implements QuarkusTestResourceLifecycleManager {
    private Map<String, String> topicByGroup = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        topicByGroup = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            ConsumerGroups.startAtEnd(topicByGroup);
        } catch (Exception e) {
            throw new IllegalStateException("cannot move consumer groups " + topicByGroup.keySet() + " to the end", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // the groups' offsets are the services' own from here on
    }
}
