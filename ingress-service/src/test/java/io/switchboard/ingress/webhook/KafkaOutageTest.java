package io.switchboard.ingress.webhook;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.ingress.Webhooks.uniqueWamid;
import static io.switchboard.ingress.Webhooks.whatsappText;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/** With the broker down a webhook is answered 503 with Retry-After, never 200; once it is back, nothing is lost. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class KafkaOutageTest {

    @AfterEach
    void brokerBack() {
        if (!KafkaResource.isBrokerRunning()) {
            KafkaResource.startBroker();
        }
    }

    @Test
    void brokerDownIs503ThenTheRetryIsAcceptedAndPublishedOnce() {
        String wamid = uniqueWamid();
        byte[] body = whatsappText(wamid, "16505556666", "during the outage");
        postMeta(whatsappText(uniqueWamid(), "16505556666", "warm up")).then().statusCode(200);

        KafkaResource.stopBroker();
        postMeta(body).then().statusCode(503).header("Retry-After", equalTo("5"))
                .body("error", equalTo("unavailable")).body("message", equalTo("events store unavailable, retry later"));
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 503);

        KafkaResource.startBroker();
        // The channel retries the same webhook until it hears 200.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> postMeta(body).statusCode() == 200);

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            String sentinel = uniqueWamid();
            postMeta(whatsappText(sentinel, "16505556666", "after")).then().statusCode(200);
            kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + sentinel).equals(header(r, "ce_id")),
                    Duration.ofSeconds(90));
            assertThat(kafka.readAll(Topics.INBOUND)).filteredOn(r -> ("wa:" + wamid).equals(header(r, "ce_id")))
                    .hasSize(1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
