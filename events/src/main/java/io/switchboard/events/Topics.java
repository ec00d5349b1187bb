package io.switchboard.events;

/** Topic names. A breaking change of a topic's events is a new topic (new version suffix), never an in-place change. */
public final class Topics {

    /** Every accepted webhook, byte for byte, keyed by {@code channel:channelAccountId}: channels have no replay API. */
    public static final String RAW_WEBHOOKS = "switchboard.raw-webhooks.v1";
    /** Customer-side events of conversations, keyed by conversation key. */
    public static final String INBOUND = "switchboard.inbound.v1";
    /** Delivery receipts and channel errors, keyed by conversation key (channel errors by account). */
    public static final String STATUS = "switchboard.status.v1";
    /** Raw webhooks that could not be normalized, with the reason in headers. */
    public static final String INGRESS_DEAD_LETTER = "switchboard.ingress.dead-letter.v1";
    /** Conversation lifecycle, routing decisions (with their explanations) and routed messages. */
    public static final String ROUTING = "switchboard.routing.v1";
    /** Input records routing-service could not read or apply, verbatim, with the reason in headers. */
    public static final String ROUTING_DEAD_LETTER = "switchboard.routing.dead-letter.v1";
    /** Current state of every agent (compacted), keyed by agent id. */
    public static final String AGENTS = "switchboard.agents.v1";
    /** What agents ask routing to decide (accept, decline, transfer, resolve), keyed by conversation key. */
    public static final String AGENT_ACTIONS = "switchboard.agent-actions.v1";
    /** The current figures of every routing queue (compacted), keyed by queue id; written by routing-service. */
    public static final String QUEUE_STATS = "switchboard.queue-stats.v1";
    /** Replies and proactive messages to send. */
    public static final String OUTBOUND = "switchboard.outbound.v1";
    /** What became of each outbound command. */
    public static final String OUTBOUND_RESULTS = "switchboard.outbound-results.v1";
    /** Outbound commands that failed for good, verbatim, with the reason in headers. */
    public static final String OUTBOUND_DEAD_LETTER = "switchboard.outbound.dead-letter.v1";
    /**
     * Records agent-service cannot use (unreadable, an unknown type, data its database refuses) and outbox rows Kafka
     * refused, written by agent-service in the dead-letter format of {@code docs/asyncapi.yaml}.
     */
    public static final String AGENT_DEAD_LETTER = "switchboard.agent.dead-letter.v1";
    /** Customers to erase (agent-service's {@code POST /admin/erasures}), keyed by erasure id. */
    public static final String ERASURES = "switchboard.erasures.v1";
    /** What each service erased (counts per store), keyed by erasure id. */
    public static final String ERASURE_RESULTS = "switchboard.erasure-results.v1";

    private Topics() {
    }
}
