package io.switchboard.messaging.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every kind of refusal through a real Quarkus REST stack, in the one body. */
@QuarkusTest
class ErrorMappersTest {

    @Path("/probe")
    public static class ProbeResource {

        public record Note(@NotNull @Bounded(max = 5) String text, int count) {
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String post(@Valid @NotNull Note note) {
            return note.text();
        }

        @GET
        @Path("/{id}")
        public String get(@PathParam("id") String id) {
            InputBounds.require("id", id, 4);
            if (id.equals("boom")) {
                throw new IllegalStateException("secret detail");
            }
            if (id.equals("no")) {
                throw ApiException.conflict("taken", "that id is taken");
            }
            return id;
        }
    }

    @Test
    void apiExceptionKeepsItsStatusAndCode() {
        given().get("/probe/no").then().statusCode(409)
                .body("error", equalTo("taken")).body("message", equalTo("that id is taken"))
                .body("violations", empty());
    }

    @Test
    void inputBoundsNameTheField() {
        given().get("/probe/toolong").then().statusCode(400)
                .body("error", equalTo("input_out_of_bounds"))
                .body("violations", contains("id: longer than 4 characters (7)"));
    }

    @Test
    void beanValidationNamesEveryField() {
        given().contentType("application/json").body("{\"text\":\"abc\\u0000\",\"count\":1}").post("/probe").then()
                .statusCode(400).body("error", equalTo("validation_failed"))
                .body("violations", contains("note.text: must be at most 5 characters without NUL"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType("application/json").body("{\"text\":").post("/probe").then()
                .statusCode(400).body("error", equalTo("malformed_json"));
        given().contentType("application/json").body("{\"text\":\"a\",\"count\":\"many\"}").post("/probe").then()
                .statusCode(400).body("error", equalTo("malformed_json"));
    }

    @Test
    void jaxRsRefusalsKeepTheirStatus() {
        given().get("/nowhere").then().statusCode(404).body("error", equalTo("not_found"));
        given().contentType("text/plain").body("x").post("/probe").then().statusCode(415)
                .body("error", startsWith("unsupported"));
    }

    @Test
    void unexpectedFailuresHideTheirDetail() {
        given().get("/probe/boom").then().statusCode(500).body("error", equalTo("internal_error"))
                .body("message", not(equalTo("secret detail")));
    }
}
