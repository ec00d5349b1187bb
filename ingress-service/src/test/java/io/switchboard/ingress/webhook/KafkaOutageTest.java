package io.switchboard.ingress.webhook;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.ingress.Webhooks.uniqueWamid;
import static io.switchboard.ingress.Webhooks.whatsappText;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * With the broker down a webhook is answered 503 with Retry-After, never 200, and readiness is DOWN; once it is back,
 * the channels' retries are accepted and every webhook acknowledged is normalized exactly once.
 */
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

    /**
     * The broker is cut while webhooks keep arriving from several senders: a webhook sent after the cut and answered
     * before the broker is back is never 200; every one answered 503 is retried as Meta does until it hears 200; and
     * each webhook then reaches the inbound topic exactly once (the idempotent producer, exactly-once normalization
     * and the dedupe store between them), whatever the broker was doing when it was posted.
     */
    @Test
    void webhooksArrivingWhileTheBrokerIsCutAre503ThenEveryAcknowledgedOneIsNormalizedOnce() throws Exception {
        postMeta(whatsappText(uniqueWamid(), "16505557777", "warm up")).then().statusCode(200);
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong startingAt = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean sending = new AtomicBoolean(true);
        List<String> sent = new CopyOnWriteArrayList<>();
        List<String> acknowledgedWhileDown = new CopyOnWriteArrayList<>();
        Map<String, byte[]> refused = new ConcurrentHashMap<>();
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (int s = 0; s < 4; s++) {
                String customer = "1650555800" + s;
                senders.submit(() -> {
                    while (sending.get()) {
                        String wamid = uniqueWamid();
                        byte[] body = whatsappText(wamid, customer, "while the broker comes and goes");
                        long postedAt = System.nanoTime();
                        int status = postMeta(body).statusCode();
                        long answeredAt = System.nanoTime();
                        sent.add(wamid);
                        answers.merge(status, 1, Integer::sum);
                        if (status != 200) {
                            refused.put(wamid, body);
                        } else if (postedAt > stoppedAt.get() && answeredAt < startingAt.get()) {
                            acknowledgedWhileDown.add(wamid);
                        }
                        sleepQuietly(50);
                    }
                    return null;
                });
            }
            Thread.sleep(1_000);
            KafkaResource.stopBroker();
            stoppedAt.set(System.nanoTime());
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            // Long enough that each sender has been answered while the broker was down.
            Thread.sleep(8_000);
            startingAt.set(System.nanoTime());
            KafkaResource.startBroker();
            Thread.sleep(3_000);
        } finally {
            sending.set(false);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(answers.keySet()).as("answers %s", answers).containsOnly(200, 503).contains(503);
        assertThat(acknowledgedWhileDown).as("acknowledged while the broker was down").isEmpty();
        // The channel retries each refused webhook, byte for byte, until it hears 200.
        for (Map.Entry<String, byte[]> retry : refused.entrySet()) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> postMeta(retry.getValue()).statusCode() == 200);
        }
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            String sentinel = uniqueWamid();
            postMeta(whatsappText(sentinel, "16505557777", "after")).then().statusCode(200);
            kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + sentinel).equals(header(r, "ce_id")),
                    Duration.ofSeconds(120));
            Map<String, Long> published = kafka.readAll(Topics.INBOUND).stream()
                    .map(r -> header(r, "ce_id")).filter(id -> id != null)
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            for (String wamid : sent) {
                assertThat(published.get("wa:" + wamid)).as("copies of wa:%s on the inbound topic", wamid)
                        .isEqualTo(1L);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
