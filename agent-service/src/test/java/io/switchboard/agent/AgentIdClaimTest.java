package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.auth.TestTokens;

/** A deployment whose identity provider puts the agent id in a claim of its own names that claim; then it counts. */
@QuarkusTest
@TestProfile(AgentIdClaimTest.ClaimConfigured.class)
class AgentIdClaimTest {

    public static class ClaimConfigured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.agent.auth.agent-id-claim", "agent_id");
        }
    }

    @Test
    void theConfiguredClaimNamesTheAgentAndTheSubjectDoesNot() {
        String ava = DirectoryTest.newAgentId();
        DirectoryTest.create(ava);
        String token = TestTokens.sign(TestTokens.claims("idp-user-7f3a", Roles.AGENT).claim("agent_id", ava));
        given().auth().oauth2(token).get("/me").then().statusCode(200).body("id", equalTo(ava));
        // Without the claim, the subject is the agent: here one the directory does not know.
        given().auth().oauth2(TestTokens.agent("idp-user-7f3a")).get("/me").then().statusCode(404);
    }
}
