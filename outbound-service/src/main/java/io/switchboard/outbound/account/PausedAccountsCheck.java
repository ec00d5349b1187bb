package io.switchboard.outbound.account;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * {@code GET /q/health/group/accounts}: DOWN while any channel account is paused, with each one's code and reason.
 * A group of its own, not readiness: the service still serves every other account.
 */
@HealthGroup("accounts")
@ApplicationScoped
public class PausedAccountsCheck implements HealthCheck {

    private final AccountPauses pauses;

    public PausedAccountsCheck(AccountPauses pauses) {
        this.pauses = pauses;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("channel accounts");
        pauses.all().forEach((account, pause) -> response.withData(account, "paused since " + pause.since()
                + " after error " + pause.code() + ": " + pause.reason()));
        return response.status(pauses.all().isEmpty()).build();
    }
}
