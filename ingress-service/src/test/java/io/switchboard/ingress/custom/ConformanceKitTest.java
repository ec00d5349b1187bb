package io.switchboard.ingress.custom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.conformance.IngressProbe;
import io.switchboard.conformance.Report;
import io.switchboard.conformance.Rule;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;

/**
 * The conformance kit's ingress mode (conformance/README.md) against this service, in-process and with the real
 * broker: every rule of the probe's scope (CS-2.2 to CS-2.8, CS-3.1, CS-4.1, CS-5.1) passes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class ConformanceKitTest {

    @TestHTTPResource("/webhooks/custom/" + Webhooks.CUSTOM_SOURCE)
    URL endpoint;

    @Test
    void theKitsIngressProbePassesEveryRule() throws InterruptedException {
        Report report = new IngressProbe(new IngressProbe.Settings(URI.create(endpoint.toString()),
                Webhooks.CUSTOM_SECRET)).run();

        for (Rule rule : IngressProbe.SCOPE) {
            assertThat(report.verdict(rule)).as(rule.id + " " + report.failures(rule)).isEqualTo(Report.Verdict.PASS);
        }
        assertThat(report.failed()).isFalse();
    }
}
