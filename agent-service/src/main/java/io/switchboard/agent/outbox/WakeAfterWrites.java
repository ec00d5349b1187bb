package io.switchboard.agent.outbox;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Wakes the relay once a request that may have appended events is answered: the response is written after the
 * request's transaction committed, so its events are published now rather than at the relay's next pass.
 */
public class WakeAfterWrites {

    private final AgentOutboxRelay relay;

    public WakeAfterWrites(AgentOutboxRelay relay) {
        this.relay = relay;
    }

    @ServerResponseFilter
    public void wake(ContainerRequestContext request) {
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            relay.wake();
        }
    }
}
