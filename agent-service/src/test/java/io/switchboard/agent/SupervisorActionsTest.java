package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.AssignmentRequested;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.Topics;
import io.switchboard.events.TransferRequested;
import io.switchboard.testing.auth.TestTokens;

/**
 * A supervisor's actions on anyone's conversation become requests to routing with the supervisor as the actor:
 * force-assign ({@code AssignmentRequested}), transfer and close ({@code TransferRequested},
 * {@code ResolutionRequested} with {@code actorRole: supervisor}); an agent may not.
 */
@QuarkusTest
class SupervisorActionsTest {

    private static final String KEY_HEADER = "Idempotency-Key";
    private static final String SUPERVISOR_ID = "supervisor-1";

    private static String post(String token, String path, Object body, String key, int status) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header(KEY_HEADER, key);
        }
        return request.post(path).then().statusCode(status).extract().path(status == 202 ? "eventId" : "error");
    }

    @Test
    void aSupervisorForceAssignsTransfersAndClosesAnAgentsConversation() {
        String ana = ActionsTest.agent();
        String bo = ActionsTest.agent();
        String conversationId = Routing.id();
        String key = ActionsTest.assignedConversation(ana, conversationId, Instant.now());
        String base = "/conversations/" + key;

        // An agent, even the one assigned, may not use the supervisors' actions
        assertThat(post(TestTokens.agent(ana), base + "/close", Map.of("reason", "x"), "k-" + Routing.id(), 403))
                .isNotNull();
        // Without an idempotency key, or naming both an agent and a queue: refused
        assertThat(post(TestTokens.supervisor(), base + "/assignment", Map.of("agentId", bo, "reason", "VIP"), null,
                400)).isEqualTo("idempotency_key_required");
        assertThat(post(TestTokens.supervisor(), base + "/transfer",
                Map.of("agentId", bo, "queueId", "billing", "reason", "x"), "k-" + Routing.id(), 400))
                .isEqualTo("transfer_target_required");

        // Force-assign to Bo: one AssignmentRequested even when the click is sent twice
        String click = "assign-" + Routing.id();
        String assignId = post(TestTokens.supervisor(), base + "/assignment", Map.of("agentId", bo, "reason", "VIP"),
                click, 202);
        assertThat(post(TestTokens.supervisor(), base + "/assignment", Map.of("agentId", bo, "reason", "VIP"), click,
                202)).isEqualTo(assignId);
        var assignRecords = ActionsTest.records(Topics.AGENT_ACTIONS, assignId);
        assertThat(assignRecords).hasSize(1);
        AssignmentRequested assignment = (AssignmentRequested) CloudEventCodec.read(assignRecords.get(0).headers(),
                assignRecords.get(0).value());
        assertThat(assignment.agentId()).isEqualTo(SUPERVISOR_ID);
        assertThat(assignment.toAgentId()).isEqualTo(bo);
        assertThat(assignment.conversationId()).isEqualTo(conversationId);
        assertThat(assignment.reason()).isEqualTo("VIP");
        // To an agent the directory does not know: 404 before anything is published
        assertThat(post(TestTokens.supervisor(), base + "/assignment", Map.of("agentId", "nobody-" + Routing.id(),
                "reason", "VIP"), "k-" + Routing.id(), 404)).isEqualTo("unknown_agent");

        // Transfer to a queue and close: the supervisor is the actor
        String transferId = post(TestTokens.supervisor(), base + "/transfer",
                Map.of("queueId", "billing", "reason", "billing question"), "t-" + Routing.id(), 202);
        var transferRecord = ActionsTest.records(Topics.AGENT_ACTIONS, transferId).get(0);
        TransferRequested transfer = (TransferRequested) CloudEventCodec.read(transferRecord.headers(),
                transferRecord.value());
        assertThat(transfer.bySupervisor()).isTrue();
        assertThat(transfer.agentId()).isEqualTo(SUPERVISOR_ID);
        assertThat(transfer.toQueueId()).isEqualTo("billing");

        String closeId = post(TestTokens.supervisor(), base + "/close", Map.of("reason", "spam"), "c-" + Routing.id(),
                202);
        var closeRecord = ActionsTest.records(Topics.AGENT_ACTIONS, closeId).get(0);
        ResolutionRequested close = (ResolutionRequested) CloudEventCodec.read(closeRecord.headers(),
                closeRecord.value());
        assertThat(close.bySupervisor()).isTrue();
        assertThat(close.disposition()).isEqualTo("closed_by_supervisor");
        assertThat(close.reason()).isEqualTo("spam");

        // The supervisor reads the transcript of anyone's conversation
        given().auth().oauth2(TestTokens.supervisor()).get(base).then().statusCode(200)
                .body("transcript[0].text", equalTo("hola, mi factura"));
    }

    @Test
    void anUnknownOrClosedConversationIsRefused() {
        assertThat(post(TestTokens.supervisor(), "/conversations/wa:1:" + Routing.id() + "/close",
                Map.of("reason", "x"), "k-" + Routing.id(), 404)).isEqualTo("unknown_conversation");
        String ana = ActionsTest.agent();
        String conversationId = Routing.id();
        String key = ActionsTest.assignedConversation(ana, conversationId, Instant.now());
        Routing.publish(Routing.resolved(key, conversationId, ana));
        // Closed once the open list no longer has it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> given()
                .auth().oauth2(TestTokens.supervisor()).queryParam("customer", key).get("/conversations").then()
                .statusCode(200).extract().jsonPath().getList("conversationKey").isEmpty());
        assertThat(post(TestTokens.supervisor(), "/conversations/" + key + "/close", Map.of("reason", "x"),
                "k-" + Routing.id(), 409)).isEqualTo("conversation_closed");
    }
}
