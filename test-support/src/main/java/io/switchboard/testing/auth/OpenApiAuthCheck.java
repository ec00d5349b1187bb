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
import io.restassured.specification.RequestSpecification;

/**
 * Walks the OpenAPI document of the service under test ({@code /q/openapi?format=json}) and calls every operation
 * as an anonymous caller and with a token of every role: a service's access rules stated in one table, proved on
 * every operation, and a new operation that is not in the table fails the test. For a {@code @QuarkusTest}
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
            int anonymous = call(method, path, null);
            if (access instanceof OwnCheck) {
                softly.assertThat(anonymous).as("%s without credentials", operation).isIn(401, 403);
                softly.assertThat(call(method, path, TestTokens.admin()))
                        .as("%s with a bearer token but without its own proof", operation).isIn(401, 403);
                return;
            }
            Set<String> allowed = ((Roles) access).allowed();
            softly.assertThat(anonymous).as("%s anonymous", operation).isEqualTo(401);
            for (String role : new TreeSet<>(ROLES)) {
                int status = call(method, path, TestTokens.mint(PROBE, role));
                if (allowed.contains(role)) {
                    softly.assertThat(status).as("%s as %s (allowed)", operation, role).isNotIn(401, 403);
                } else {
                    softly.assertThat(status).as("%s as %s (not allowed)", operation, role).isEqualTo(403);
                }
            }
        });
        softly.assertAll();
    }

    /** Deny by default: a path no resource serves needs a token (401), it is not even answered 404 anonymously. */
    public static void verifyUnknownPathNeedsToken() {
        SoftAssertions softly = new SoftAssertions();
        for (String path : List.of("/no-such-endpoint", "/admin/no-such-endpoint", "/q/no-such-endpoint")) {
            softly.assertThat(call("get", path, null)).as("GET %s anonymous", path).isEqualTo(401);
        }
        softly.assertAll();
    }

    /** The status of one call; {@code token} null for an anonymous one. */
    public static int call(String method, String path, String token) {
        RequestSpecification request = given().header("Idempotency-Key", "auth-probe");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (WITH_BODY.contains(method)) {
            request = request.contentType(ContentType.JSON).body("{");
        }
        return request.request(method.toUpperCase(Locale.ROOT), path).statusCode();
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
