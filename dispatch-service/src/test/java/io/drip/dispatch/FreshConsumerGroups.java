package io.drip.dispatch;

import io.drip.testing.GroupsAtTopicEnd;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module starts dispatch-service's consumer groups at the end of their topics. */
@QuarkusTestResource(value = GroupsAtTopicEnd.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "dispatch-service.sends", value = "drip.sends.v1"),
        @ResourceArg(name = "dispatch-service.contacts", value = "drip.contacts.v1")})
public class FreshConsumerGroups {
}
