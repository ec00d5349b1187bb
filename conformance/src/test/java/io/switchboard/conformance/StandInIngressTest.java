package io.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kit's listen mode (it plays the ingress) against a source that follows §2-§5, and against flawed sources. */
class StandInIngressTest {

    private static final int REQUESTS = 3;

    @Test
    void aConformingSourcePassesEveryInboundRuleIncludingItsRetry() throws Exception {
        Report report = run(Source.Flaw.NONE);
        assertThat(report.failed()).as(print(report)).isFalse();
        for (Rule rule : StandInIngress.SCOPE) {
            assertThat(report.verdict(rule)).as(rule.id + "\n" + print(report)).isEqualTo(Report.Verdict.PASS);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "WRONG_SECRET, CS-2.3",
            "OLD_SCHEME, CS-2.3",
            "STALE_TIMESTAMP, CS-2.2",
            "REUSED_KEY, CS-5.1",
            "IMPATIENT_RETRY, CS-4.2",
            "TOO_DEEP, CS-2.6",
            "CONTROL_CHARACTER_IN_ID, CS-2.7",
            "UNKNOWN_PROPERTY, CS-3.1",
            "SAME_EVENT_ID_OTHER_EVENT, CS-5.2" })
    void aSourceWithOneFlawFailsItsRule(Source.Flaw flaw, String ruleId) throws Exception {
        Report report = run(flaw);
        assertThat(report.failed()).isTrue();
        assertThat(report.failedIds()).as(print(report)).contains(ruleId);
        // A refused request is never stored, so a source refused at every request also leaves its retry unseen.
        assertThat(report.failedIds()).as(print(report)).isSubsetOf(ruleId, "CS-4.2");
    }

    @Test
    void everyFlawIsCovered() {
        assertThat(Source.flaws()).hasSize(9);
    }

    private static Report run(Source.Flaw flaw) throws Exception {
        StandInIngress.Settings settings = new StandInIngress.Settings("acme-shop", Receiver.SECRET, REQUESTS, true, 1);
        try (StandInIngress ingress = new StandInIngress(settings, 0, new PrintStream(new ByteArrayOutputStream()))) {
            new Source(URI.create("http://127.0.0.1:" + ingress.port() + "/webhooks/custom/acme-shop"), flaw)
                    .send(REQUESTS);
            return ingress.await(Duration.ofSeconds(flaw == Source.Flaw.NONE ? 20 : 2));
        }
    }

    private static String print(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
