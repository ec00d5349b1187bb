package io.switchboard.agent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * The real broker (with the topics agent-service reads and writes), PostgreSQL and the Graph API's stand-in, shared
 * by every test class.
 */
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.agents.v1:3,switchboard.agent-actions.v1:3,switchboard.outbound.v1:3,"
                + "switchboard.routing.v1:3,switchboard.outbound-results.v1:3,switchboard.agent.dead-letter.v1:1,"
                + "switchboard.erasures.v1:3,switchboard.erasure-results.v1:3,switchboard.inbound.v1:3,"
                + "switchboard.queue-stats.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(GraphStandIn.class)
public final class Infra {

    private Infra() {
    }
}
