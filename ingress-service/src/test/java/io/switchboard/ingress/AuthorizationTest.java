package io.switchboard.ingress;

import static io.switchboard.testing.auth.OpenApiAuthCheck.ownCheck;
import static io.switchboard.testing.auth.OpenApiAuthCheck.roles;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.auth.OpenApiAuthCheck;

/**
 * ingress's operations are the channels' webhooks (no bearer token: each refuses a caller without the channel's
 * signature or verify token, 401/403) and the replay commands, for administrators only. Any other path, present or
 * future, needs a token (deny by default).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class AuthorizationTest {

    @Test
    void everyWebhookRefusesACallerWithoutTheChannelsProofAndReplaysAreForAdmins() {
        OpenApiAuthCheck.verify(Map.of(
                "GET /webhooks/{product}", ownCheck(),
                "POST /webhooks/{product}", ownCheck(),
                "GET /webhooks/{product}/{app}", ownCheck(),
                "POST /webhooks/{product}/{app}", ownCheck(),
                "POST /webhooks/custom/{sourceId}", ownCheck(),
                "POST /webhooks/telegram/{botId}", ownCheck(),
                "POST /webhooks/twilio/{accountSid}", ownCheck(),
                "POST /webhooks/twilio/{accountSid}/status", ownCheck(),
                "POST /admin/replays", roles(Roles.ADMIN),
                "GET /admin/replays/{id}", roles(Roles.ADMIN)),
                Map.of("product", "meta", "app", "second", "sourceId", "acme", "botId", "7000000001", "accountSid",
                        "AC0123456789abcdef0123456789abcdef"));
    }

    @Test
    void aPathNoWebhookServesNeedsAToken() {
        OpenApiAuthCheck.verifyUnknownPathNeedsToken();
    }
}
