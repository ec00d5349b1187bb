package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.auth.OpenApiAuthCheck.roles;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.auth.OpenApiAuthCheck;
import io.switchboard.testing.auth.TestTokens;

/**
 * Every operation of agent-service's API refuses an anonymous caller (401) and a token without one of its roles
 * (403). And a token's {@code agent_id} claim does not make it speak for another agent: the agent is the subject
 * unless the deployment names such a claim ({@link AgentIdClaimTest}).
 */
@QuarkusTest
class AuthorizationTest {

    private static final String AGENT = Roles.AGENT;

    @Test
    void everyOperationNeedsATokenOfItsRoles() {
        Map<String, OpenApiAuthCheck.Access> rules = new HashMap<>();
        for (String operation : new String[] {"GET /me", "PUT /me/presence", "POST /me/heartbeat", "GET /me/offers",
                "POST /me/offers/{offerId}/accept", "POST /me/offers/{offerId}/decline", "GET /me/conversations",
                "GET /me/conversations/{conversationKey}", "POST /me/conversations/{conversationKey}/replies",
                "POST /me/conversations/{conversationKey}/resolve",
                "POST /me/conversations/{conversationKey}/transfer",
                "GET /me/conversations/{conversationKey}/media/{mediaId}",
                "GET /me/conversations/{conversationKey}/customer",
                "GET /me/conversations/{conversationKey}/history/{conversationId}",
                "GET /me/conversations/{conversationKey}/notes", "POST /me/conversations/{conversationKey}/notes",
                "GET /me/conversations/{conversationKey}/tags", "PUT /me/conversations/{conversationKey}/tags",
                "GET /me/conversations/{conversationKey}/canned-replies",
                "GET /me/conversations/{conversationKey}/canned-replies/{id}"}) {
            rules.put(operation, roles(AGENT));
        }
        for (String operation : new String[] {"GET /conversations", "GET /conversations/{conversationKey}",
                "GET /conversations/{conversationKey}/media/{mediaId}",
                "GET /conversations/{conversationKey}/customer",
                "GET /conversations/{conversationKey}/history/{conversationId}",
                "GET /conversations/{conversationKey}/notes", "POST /conversations/{conversationKey}/notes",
                "GET /conversations/{conversationKey}/tags", "PUT /conversations/{conversationKey}/tags",
                "GET /canned-replies", "POST /canned-replies", "GET /canned-replies/{id}", "PUT /canned-replies/{id}",
                "DELETE /canned-replies/{id}",
                "POST /agents", "GET /agents", "PUT /agents/{id}", "DELETE /agents/{id}",
                "GET /supervisor/queues", "GET /supervisor/agents",
                "POST /conversations/{conversationKey}/assignment", "POST /conversations/{conversationKey}/transfer",
                "POST /conversations/{conversationKey}/close"}) {
            rules.put(operation, roles(Roles.SUPERVISOR, Roles.ADMIN));
        }
        rules.put("GET /agents/{id}", roles(AGENT, Roles.SUPERVISOR, Roles.ADMIN));
        rules.put("POST /admin/erasures", roles(Roles.ADMIN, Roles.INTEGRATION));
        rules.put("GET /admin/erasures/{id}", roles(Roles.ADMIN, Roles.INTEGRATION));
        OpenApiAuthCheck.verify(rules, Map.of());
    }

    @Test
    void aPathNoResourceServesNeedsATokenToo() {
        OpenApiAuthCheck.verifyUnknownPathNeedsToken();
    }

    @Test
    void anAgentIdClaimDoesNotOverrideTheSubjectUnlessConfigured() {
        String ava = DirectoryTest.newAgentId();
        String bo = DirectoryTest.newAgentId();
        DirectoryTest.create(ava);
        DirectoryTest.create(bo);
        // Ava's token claiming to be Bo is still Ava's.
        String claimsBo = TestTokens.sign(TestTokens.claims(ava, AGENT).claim("agent_id", bo));
        given().auth().oauth2(claimsBo).get("/me").then().statusCode(200).body("id", equalTo(ava));
        given().auth().oauth2(claimsBo).get("/agents/" + bo).then().statusCode(403);
    }
}
