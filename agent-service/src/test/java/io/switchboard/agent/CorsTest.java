package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testing.auth.TestTokens;

/**
 * A front end on its own origin (the local one, http://localhost:5173, in tests): its preflights are answered
 * without a token, with the methods and headers the API uses; another origin gets no Access-Control-Allow-Origin
 * (and a 403), so the browser blocks it; the actual call from the allowed origin carries Access-Control-Allow-Origin.
 */
@QuarkusTest
class CorsTest {

    private static final String ALLOWED = "http://localhost:5173";

    private static Response preflight(String origin, String method, String headers) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).options("/me/conversations/k/replies");
    }

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithoutAToken() {
        Response answer = preflight(ALLOWED, "POST", "authorization,idempotency-key,content-type");

        assertThat(answer.statusCode()).isBetween(200, 204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(list(answer.header("Access-Control-Allow-Methods"))).contains("GET", "POST", "PUT", "DELETE");
        assertThat(list(answer.header("Access-Control-Allow-Headers")))
                .contains("AUTHORIZATION", "IDEMPOTENCY-KEY", "IF-MATCH", "CONTENT-TYPE");
        assertThat(list(answer.header("Access-Control-Expose-Headers"))).contains("ETAG", "RETRY-AFTER");
        Response put = preflight(ALLOWED, "PUT", "authorization,if-match,content-type");
        assertThat(put.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsHeaders() {
        Response answer = preflight("https://evil.example", "POST", "authorization,idempotency-key");

        // Without Access-Control-Allow-Origin the browser refuses the call; Quarkus also answers 403.
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theActualCallFromTheAllowedOriginCarriesAllowOriginAndOthersDoNot() {
        String agent = ActionsTest.agent();
        given().auth().oauth2(TestTokens.agent(agent)).header("Origin", ALLOWED).get("/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED)).body("id", equalTo(agent));
        given().auth().oauth2(TestTokens.agent(agent)).header("Origin", "https://evil.example").get("/me").then()
                .header("Access-Control-Allow-Origin", nullValue());
        // Without a token the call is still refused: CORS opens preflights, not the API.
        given().header("Origin", ALLOWED).get("/me").then().statusCode(401);
    }

    private static Set<String> list(String header) {
        if (header == null) {
            return Set.of();
        }
        return Arrays.stream(header.split(",")).map(String::trim).map(v -> v.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }
}
