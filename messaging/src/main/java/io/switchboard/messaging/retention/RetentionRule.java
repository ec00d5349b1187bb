package io.switchboard.messaging.retention;

import java.time.Duration;

/**
 * What one store keeps, and for how long (docs/privacy.md).
 *
 * @param name        names the rule in configuration ({@code switchboard.retention.<name>}) and in the metric
 * @param defaultKeep how long rows are kept when configuration does not say
 * @param batchDelete one statement that deletes at most {@code $2} rows older than {@code $1} seconds and answers the
 *                    rows it deleted (its row count), so that no pass holds long locks
 */
public record RetentionRule(String name, Duration defaultKeep, String batchDelete) {

    public RetentionRule {
        if (!name.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("a retention rule's name is lower case words with dashes: " + name);
        }
        if (defaultKeep.isNegative() || defaultKeep.isZero()) {
            throw new IllegalArgumentException("rule " + name + " keeps nothing");
        }
    }
}
