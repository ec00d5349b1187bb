package io.switchboard.testing.auth;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Walks the OpenAPI document of the service under test ({@code /q/openapi?format=json}) and calls every operation
 * as an anonymous caller and with a token of every role: a service's access rules stated in one table, proved on
 * every operation, and a new operation that is not in the table fails the test. Every 401 and 403 must carry
 * messaging's error body ({@code unauthorized}, {@code forbidden}). For a {@code @QuarkusTest}
 * (RestAssured already points at the application).
 */
public final class OpenApiAuthCheck {

    /** Every role a token can carry (messaging's {@code Roles}). */
    public static final Set<String> ROLES = Set.of("agent", "supervisor", "admin", "integration");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> WITH_BODY = Set.of("put", "post", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    /** The subject of the allowed-role tokens, and the value of every path parameter not given. */
    private static final String PROBE = "probe";
    /** The error codes of the security layer's refusals (messaging's AuthRefusals). */
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";

    /** Who may call an operation. */
    public sealed interface Access {
    }

    /** A bearer token with one of these roles: anonymous is 401, any other role 403, these pass (neither). */
    public record Roles(Set<String> allowed) implements Access {
    }

    /**
     * Not JWT: the operation checks its caller itself (a channel's signature); a call without that proof is 401 or
     * 403, even with a bearer token.
     */
    public record OwnCheck() implements Access {
    }

    public static Access roles(String... allowed) {
        return new Roles(Set.of(allowed));
    }

    public static Access ownCheck() {
        return new OwnCheck();
    }

    private OpenApiAuthCheck() {
    }

    /** The operations of the document, as {@code "<METHOD> <path template>"}. */
    @SuppressWarnings("unchecked")
    public static Set<String> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }

    /**
     * Proves {@code rules} on every operation of the document; the document and the table must name the same
     * operations. Path parameters take their value from {@code pathValues}, else {@value #PROBE}. A call that gets
     * past authorization sends a malformed JSON body where the operation takes one, so that it changes nothing.
     */
    public static void verify(Map<String, Access> rules, Map<String, String> pathValues) {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(operations()).as("the operations of the OpenAPI document").isEqualTo(new TreeSet<>(rules.keySet()));
        rules.forEach((operation, access) -> {
            String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = fill(operation.substring(operation.indexOf(' ') + 1), pathValues);
            Answer anonymous = answer(method, path, null);
            if (access instanceof OwnCheck) {
                softly.assertThat(anonymous.status()).as("%s without credentials", operation).isIn(401, 403);
                Answer withToken = answer(method, path, TestTokens.admin());
                softly.assertThat(withToken.status()).as("%s with a bearer token but without its own proof", operation)
                        .isIn(401, 403);
                assertErrorBody(softly, operation + " without its own proof", withToken, null);
                return;
            }
            Set<String> allowed = ((Roles) access).allowed();
            softly.assertThat(anonymous.status()).as("%s anonymous", operation).isEqualTo(401);
            assertErrorBody(softly, operation + " anonymous", anonymous, UNAUTHORIZED);
            for (String role : new TreeSet<>(ROLES)) {
                Answer answer = answer(method, path, TestTokens.mint(PROBE, role));
                if (allowed.contains(role)) {
                    softly.assertThat(answer.status()).as("%s as %s (allowed)", operation, role).isNotIn(401, 403);
                } else {
                    softly.assertThat(answer.status()).as("%s as %s (not allowed)", operation, role).isEqualTo(403);
                    assertErrorBody(softly, operation + " as " + role, answer, FORBIDDEN);
                }
            }
        });
        softly.assertAll();
    }

    /** Deny by default: a path no resource serves needs a token (401), it is not even answered 404 anonymously. */
    public static void verifyUnknownPathNeedsToken() {
        SoftAssertions softly = new SoftAssertions();
        for (String path : List.of("/no-such-endpoint", "/admin/no-such-endpoint", "/q/no-such-endpoint")) {
            Answer answer = answer("get", path, null);
            softly.assertThat(answer.status()).as("GET %s anonymous", path).isEqualTo(401);
            assertErrorBody(softly, "GET " + path + " anonymous", answer, UNAUTHORIZED);
        }
        softly.assertAll();
    }

    /** The status of one call; {@code token} null for an anonymous one. */
    public static int call(String method, String path, String token) {
        return answer(method, path, token).status();
    }

    /** The status, content type and body of one call; {@code token} null for an anonymous one. */
    public static Answer answer(String method, String path, String token) {
        RequestSpecification request = given().header("Idempotency-Key", "auth-probe");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (WITH_BODY.contains(method)) {
            request = request.contentType(ContentType.JSON).body("{");
        }
        Response response = request.request(method.toUpperCase(Locale.ROOT), path);
        return new Answer(response.statusCode(), String.valueOf(response.contentType()), response.asString());
    }

    /** What a call answered. */
    public record Answer(int status, String contentType, String body) {
    }

    /**
     * A refusal answers messaging's ErrorBody, {@code {"error": code, "message": …}}; {@code code} null: any code.
     * Written out here rather than read with messaging's class: test-support is built before messaging.
     */
    public static void assertErrorBody(SoftAssertions softly, String what, Answer answer, String code) {
        softly.assertThat(answer.contentType()).as("%s: content type", what).startsWith("application/json");
        Object parsed;
        try {
            parsed = JsonPath.from(answer.body()).get("$");
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> body)) {
            softly.fail("%s: the body is not an error body: '%s'", what, answer.body());
            return;
        }
        if (code != null) {
            softly.assertThat(body.get("error")).as("%s: error", what).isEqualTo(code);
        } else {
            softly.assertThat(body.get("error")).as("%s: error", what).isInstanceOf(String.class);
        }
        softly.assertThat(body.get("message")).as("%s: message", what).isInstanceOf(String.class);
        softly.assertThat(String.valueOf(body.get("message"))).as("%s: message", what).isNotBlank();
    }

    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), PROBE)));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
