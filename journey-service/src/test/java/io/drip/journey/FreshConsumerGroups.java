package io.drip.journey;

import io.drip.testing.GroupsAtTopicEnd;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module starts journey-service's consumer groups at the end of their topics. */
@QuarkusTestResource(value = GroupsAtTopicEnd.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "journey-service.events", value = "drip.events.v1"),
        @ResourceArg(name = "journey-service.contacts", value = "drip.contacts.v1"),
        @ResourceArg(name = "journey-service.deliveries", value = "drip.deliveries.v1"),
        @ResourceArg(name = "journey-service.clicks", value = "drip.clicks.v1"),
        @ResourceArg(name = "journey-service.inbound", value = "drip.inbound.v1")})
public class FreshConsumerGroups {
}
