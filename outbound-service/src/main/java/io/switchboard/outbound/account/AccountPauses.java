package io.switchboard.outbound.account;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Accounts that stopped sending because the channel said the account itself cannot send (token, permission,
 * restriction). Their commands wait (no call, no failure) until an operator resumes the account, so a bad token does
 * not burn the queue into failures. In memory, kept by the instance that owns the account's sender (its partition):
 * after a restart, or once the partition moved, the first send finds out again.
 */
@ApplicationScoped
public class AccountPauses {

    private static final Logger LOG = Logger.getLogger(AccountPauses.class);

    /** Why an account is paused. */
    public record Pause(Integer code, String reason, Instant since) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Pause> paused = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> gauges = new ConcurrentHashMap<>();

    public AccountPauses(MeterRegistry registry) {
        this.registry = registry;
    }

    public void pause(String accountId, Integer code, String reason) {
        if (paused.putIfAbsent(accountId, new Pause(code, reason, Instant.now())) == null) {
            LOG.warnf("account %s paused after channel error %s: %s", accountId, code, reason);
        }
        // switchboard_outbound_account_paused{account}: 1 while paused.
        gauges.computeIfAbsent(accountId, id -> {
            Gauge.builder("switchboard.outbound.account.paused", paused, map -> map.containsKey(id) ? 1 : 0)
                    .tag("account", id).register(registry);
            return true;
        });
    }

    public boolean isPaused(String accountId) {
        return paused.containsKey(accountId);
    }

    public Optional<Pause> pause(String accountId) {
        return Optional.ofNullable(paused.get(accountId));
    }

    /** True when the account was paused. */
    public boolean resume(String accountId) {
        boolean was = paused.remove(accountId) != null;
        if (was) {
            LOG.infof("account %s resumed", accountId);
        }
        return was;
    }

    /**
     * Forgets the pauses of accounts that moved to another instance (with their partition); their new owner finds
     * out again with one more failure, as after a restart.
     */
    public void forget(java.util.function.Predicate<String> accountId) {
        paused.keySet().removeIf(accountId);
    }

    public Map<String, Pause> all() {
        return new TreeMap<>(paused);
    }
}
