package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.auth.OpenApiAuthCheck.roles;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.OpenApiAuthCheck;
import io.switchboard.testing.auth.TestTokens;

/**
 * Every operation of routing's API refuses an anonymous caller (401) and a token without one of its roles (403):
 * queue administration is the admin's, the dry run (it shows the agent roster) the admin's and the supervisor's.
 * Tokens of the wrong issuer or audience, expired or signed with another key are refused as anonymous ones.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class AuthorizationTest {

    @Test
    void everyOperationNeedsATokenOfItsRoles() {
        OpenApiAuthCheck.verify(Map.of(
                "GET /routing/queues", roles(Roles.ADMIN),
                "POST /routing/queues", roles(Roles.ADMIN),
                "GET /routing/queues/{id}", roles(Roles.ADMIN),
                "PUT /routing/queues/{id}", roles(Roles.ADMIN),
                "GET /routing/queues/{id}/versions", roles(Roles.ADMIN),
                "GET /routing/dry-run", roles(Roles.ADMIN, Roles.SUPERVISOR)), Map.of());
    }

    @Test
    void aPathNoResourceServesNeedsATokenToo() {
        OpenApiAuthCheck.verifyUnknownPathNeedsToken();
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentStayOpen() {
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void onlyAValidTokenOfTheConfiguredIssuerAndAudienceCounts() throws NoSuchAlgorithmException {
        String path = "/routing/queues";
        given().auth().oauth2(TestTokens.admin()).get(path).then().statusCode(200);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("admin-1", Roles.ADMIN)
                .issuer("https://elsewhere.example/"))).get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("admin-1", Roles.ADMIN)
                .audience("another-system"))).get(path).then().statusCode(401);
        given().auth().oauth2(TestTokens.sign(TestTokens.claims("admin-1", Roles.ADMIN)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))))
                .get(path).then().statusCode(401);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PrivateKey otherKey = rsa.generateKeyPair().getPrivate();
        given().auth().oauth2(TestTokens.claims("admin-1", Roles.ADMIN).sign(otherKey)).get(path).then()
                .statusCode(401);
        given().auth().oauth2("not-a-jwt").get(path).then().statusCode(401);
    }
}
