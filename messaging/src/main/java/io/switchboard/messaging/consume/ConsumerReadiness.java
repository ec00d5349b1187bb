package io.switchboard.messaging.consume;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: DOWN while a consumer or relay of the service retries an outage. */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final ConsumerHealth health;

    public ConsumerReadiness(ConsumerHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("switchboard-consumers")
                .status(health.healthy());
        health.outages().forEach(response::withData);
        return response.build();
    }
}
