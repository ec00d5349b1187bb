package io.switchboard.outbound.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies the admin endpoint answers with on success; refusals are messaging's {@code ErrorBody}. */
final class ProactiveResponses {

    private ProactiveResponses() {
    }

    /**
     * Kafka holds the command; its results follow on {@code switchboard.outbound-results.v1} under
     * {@code idempotencyKey = commandId}.
     */
    @Schema(name = "ProactiveAccepted")
    record Accepted(String commandId, String conversationKey) {
    }
}
