package io.switchboard.outbound;

import static io.switchboard.testing.auth.OpenApiAuthCheck.roles;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.OpenApiAuthCheck;

/**
 * Every operation of outbound's API refuses an anonymous caller (401) and a token without one of its roles (403):
 * proactive messages and resuming an account are for an admin or an integration (a CRM, another system).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class AuthorizationTest extends OutboundTestBase {

    @Test
    void everyOperationNeedsATokenOfItsRoles() {
        OpenApiAuthCheck.verify(Map.of(
                "POST /admin/proactive-messages", roles(Roles.ADMIN, Roles.INTEGRATION),
                "POST /admin/accounts/{accountId}/resume", roles(Roles.ADMIN, Roles.INTEGRATION)), Map.of());
    }

    @Test
    void aPathNoResourceServesNeedsATokenToo() {
        OpenApiAuthCheck.verifyUnknownPathNeedsToken();
    }
}
