package io.switchboard.messaging.auth;

/**
 * The roles every service's HTTP API knows, as they appear in a bearer token's {@code groups} claim (docs/security.md).
 * Use them in {@code @RolesAllowed}; a service never invents a role of its own.
 */
public final class Roles {

    /** A human agent: their own presence, offers and conversations. */
    public static final String AGENT = "agent";
    /** Watches and steers agents and queues: the directory, every conversation, routing's dry run. */
    public static final String SUPERVISOR = "supervisor";
    /** Configures the system: queues, agents, accounts, proactive messages. */
    public static final String ADMIN = "admin";
    /** A machine caller (client-credentials token): service-to-service and integrations such as a CRM. */
    public static final String INTEGRATION = "integration";

    private Roles() {
    }
}
