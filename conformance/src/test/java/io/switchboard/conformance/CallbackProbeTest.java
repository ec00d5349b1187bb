package io.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The kit's callback mode against a receiver that follows §7, and against receivers that each break one rule. */
class CallbackProbeTest {

    @Test
    void aConformingReceiverPassesEveryRuleAndTheKitExitsZero() throws Exception {
        try (Receiver receiver = new Receiver(Receiver.Flaw.NONE)) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Properties options = new Properties();
            options.setProperty("target", receiver.url().toString());
            options.setProperty("secret", Receiver.SECRET);
            int exit = Kit.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
            String report = printed.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(report).isZero();
            // The receiver's first answer was a 503 with Retry-After: 1, retried as outbound-service retries it.
            for (Rule rule : CallbackProbe.SCOPE) {
                assertThat(report).contains("PASS        " + rule.id);
            }
            assertThat(report).endsWith("PASSED" + System.lineSeparator());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ACCEPTS_ANY_SIGNATURE, CS-7.2",
            "SERVER_ERROR_ON_BAD_SIGNATURE, CS-7.2",
            "ACCEPTS_STALE_TIMESTAMP, CS-7.3",
            "NO_DEDUPLICATION, CS-7.5",
            "TAKES_UNKNOWN_TYPE, CS-7.6",
            "BAD_RETRY_AFTER, CS-7.7",
            "NO_EXTERNAL_ID, CS-7.4" })
    void aReceiverThatBreaksOneRuleFailsThatRule(Receiver.Flaw flaw, String ruleId) throws Exception {
        try (Receiver receiver = new Receiver(flaw)) {
            Report report = new CallbackProbe(new CallbackProbe.Settings(receiver.url(), Receiver.SECRET, "conv_1",
                    "cust_1", java.time.Duration.ofSeconds(5))).run();
            assertThat(report.failed()).isTrue();
            assertThat(report.failedIds()).as(String.valueOf(report.failedIds())).containsExactly(ruleId);
        }
    }
}
