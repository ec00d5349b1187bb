package io.switchboard.agent;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.testing.PostgresFaultResource;

/**
 * {@link PostgresFaultResource} started after {@link Infra}'s {@code PostgresResource}, so its proxied datasource
 * URLs are the ones the application gets.
 */
public final class PostgresFaults implements QuarkusTestResourceLifecycleManager {

    private final PostgresFaultResource delegate = new PostgresFaultResource();

    @Override
    public Map<String, String> start() {
        return delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public int order() {
        return 100;
    }
}
