package io.switchboard.routing.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.routing.selection.Rule;

/** Refuses to start with a queue whose strategy or proficiencies are invalid, rather than failing per message. */
@ApplicationScoped
public class QueueValidation {

    void onStart(@Observes StartupEvent event, RoutingConfig config) {
        RoutingConfig.Queue queue = config.queue();
        new Rule(queue.id(), queue.ruleVersion(), 0, queue.strategy(), "whatsapp", queue.requiredSkills());
        if (config.offerTimeout().isNegative() || config.offerTimeout().isZero()) {
            throw new IllegalArgumentException("switchboard.routing.offer-timeout must be positive");
        }
    }
}
