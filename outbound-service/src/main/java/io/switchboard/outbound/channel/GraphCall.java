package io.switchboard.outbound.channel;

import java.util.function.Function;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.outbound.config.OutboundConfig;

/** One POST to a Graph {@code /messages} endpoint and its answer as a {@link SendOutcome}. */
public final class GraphCall {

    /** Classifies an error by code, subcode and HTTP status. */
    public interface Classifier {
        Classification classify(int code, Integer subcode, int httpStatus);
    }

    private GraphCall() {
    }

    /**
     * @param messageId where the sent message's id is in a success body (WhatsApp {@code messages[0].id}, Messenger
     *                  {@code message_id}); null is fine for mark-read
     */
    public static SendOutcome post(HttpClients http, OutboundConfig.Account account, String node, String body,
            Function<JsonNode, String> messageId, Classifier classifier) {
        return call(() -> http.graph(account.baseUrl()).messages(account.apiVersion(), node,
                "Bearer " + account.accessToken().orElse(""), body), messageId, classifier);
    }

    /** One POST to {@code /{node}/{edge}} (the handover protocol's thread control calls), classified the same way. */
    public static SendOutcome postEdge(HttpClients http, OutboundConfig.Account account, String node, String edge,
            String body, Classifier classifier) {
        return call(() -> http.graph(account.baseUrl()).threadControl(account.apiVersion(), node, edge,
                "Bearer " + account.accessToken().orElse(""), body), answer -> null, classifier);
    }

    private static SendOutcome call(java.util.function.Supplier<Response> request,
            Function<JsonNode, String> messageId, Classifier classifier) {
        Response response;
        try {
            response = request.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            return HttpClients.neverReachedServer(e) ? SendOutcome.notSent("Could not connect: " + e.getMessage())
                    : SendOutcome.unknown("No answer from the channel: " + e.getMessage());
        }
        try (Response answer = response) {
            String text = HttpClients.body(answer);
            if (answer.getStatus() / 100 == 2) {
                try {
                    return SendOutcome.accepted(messageId.apply(CloudEventCodec.JSON.readTree(text)));
                } catch (java.io.IOException | RuntimeException e) {
                    // Taken (2xx) but unreadable: it was sent, we only lack its id.
                    return SendOutcome.accepted(null);
                }
            }
            GraphError error = GraphError.parse(text);
            int code = error.code() == null ? -1 : error.code();
            Classification classification = classifier.classify(code, error.subcode(), answer.getStatus());
            String said = error.said();
            String reason = classification.reason() + (said == null ? "" : " (channel: " + said + ")");
            return SendOutcome.rejected(error.code(), error.subcode(), answer.getStatus(), reason, classification,
                    HttpClients.retryAfter(answer));
        }
    }
}
