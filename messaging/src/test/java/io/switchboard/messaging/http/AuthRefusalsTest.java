package io.switchboard.messaging.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.auth.TestTokens;

/**
 * 401 and 403 in the one error body, whichever layer refuses: the bearer challenge (no token, a bad token), and
 * JAX-RS's {@code @RolesAllowed}. (The HTTP permission policies' refusals are proved by each service's
 * AuthorizationTest; this module switches its token policy off.)
 */
@QuarkusTest
class AuthRefusalsTest {

    @Path("/guarded")
    public static class GuardedResource {

        @GET
        @RolesAllowed(Roles.ADMIN)
        public String get() {
            return "ok";
        }
    }

    @Test
    void noTokenIsUnauthorizedInTheErrorBody() {
        given().get("/guarded").then().statusCode(401).contentType(startsWith("application/json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthorized")).body("message", not(emptyOrNullString()));
    }

    @Test
    void aTokenThatIsNoTokenIsUnauthorizedInTheErrorBody() {
        given().auth().oauth2("not-a-jwt").get("/guarded").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void theWrongRoleIsForbiddenInTheErrorBody() {
        given().auth().oauth2(TestTokens.agent("ava")).get("/guarded").then().statusCode(403)
                .contentType(startsWith("application/json"))
                .body("error", equalTo("forbidden")).body("message", not(emptyOrNullString()));
    }

    @Test
    void theRightRolePasses() {
        given().auth().oauth2(TestTokens.admin()).get("/guarded").then().statusCode(200);
    }
}
