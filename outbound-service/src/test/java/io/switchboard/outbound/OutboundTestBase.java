package io.switchboard.outbound;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.switchboard.events.Channel;
import io.switchboard.testing.KafkaTestClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** What the service tests share: Kafka, the database, and the channels' stand-in. */
abstract class OutboundTestBase {

    static final String GRAPH_WA = "/v25.0/" + WireMockResource.WHATSAPP_ACCOUNT + "/messages";

    @WireMockResource.InjectWireMock
    WireMockServer wireMock;

    @Inject
    Pool pool;

    final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    /** A customer message at {@code at}, and waits until the window has seen it. */
    void customerWrote(Channel channel, String account, String user, Instant at) {
        Events.send(kafka, Events.inbound(channel, account, user, at));
        String key = channel.conversationKey(account, user);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM conversation_windows WHERE conversation_key = $1 AND last_inbound_at IS NOT NULL")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(5)).size() == 1);
    }

    String deliveryState(String commandId) {
        var rows = pool.preparedQuery("SELECT state FROM deliveries WHERE idempotency_key = $1")
                .execute(Tuple.of(commandId)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString("state");
    }
}
