package io.switchboard.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The physical-limit baseline: every POST body is produced to a Kafka topic and answered 200 once Kafka acknowledged
 * it (503 if it did not), nothing else: no signature, no parsing, no metrics. It runs on the HTTP stack ingress-service
 * runs on (Vert.x 4.5.27 on Netty, one server per event loop and two event loops per core, as Quarkus does), with the
 * producer settings of ingress's raw-webhooks channel, so the difference to ingress is what ingress itself costs.
 *
 * <p>{@code java -cp bench.jar io.switchboard.bench.BareEndpoint --port P --bootstrap B --topic T --key K}; it prints
 * {@value #READY} when it listens, and exits when its parent closes its standard input (the bench died).
 */
public final class BareEndpoint {

    static final String READY = "bare endpoint listening";

    private BareEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int port = Integer.parseInt(a.get("--port"));
        String topic = a.get("--topic");
        // Ingress keys a webhook by channel and account (whatsapp:<WABA id>): the same key puts the bare records on
        // one partition too, so both batch alike.
        String key = a.get("--key");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(a.get("--bootstrap")));

        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            producer.close();
        }, "bare-stop"));
        vertx.deployVerticle(() -> new Server(port, producer, topic, key),
                new DeploymentOptions().setInstances(eventLoops)).toCompletionStage().toCompletableFuture().get();
        System.out.println(READY + " on 127.0.0.1:" + port + ", producing to " + topic);
        System.out.flush();

        // The bench owns this process: when the bench is gone (even killed), standard input ends and so does this.
        while (System.in.read() != -1) {
            // Nothing is ever sent; just wait for the end of the stream.
        }
        System.exit(0);
    }

    /** The producer settings of ingress's raw-webhooks channel (ingress-service application.properties). */
    static Properties producerConfig(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        return p;
    }

    /** One HTTP server per event loop on the same port; Vert.x spreads the connections over them. */
    private static final class Server extends AbstractVerticle {

        private final int port;
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;
        private final String key;

        Server(int port, KafkaProducer<String, byte[]> producer, String topic, String key) {
            this.port = port;
            this.producer = producer;
            this.topic = topic;
            this.key = key;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(this::handle)
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }

        private void handle(HttpServerRequest request) {
            request.body().onComplete(body -> {
                if (body.failed()) {
                    request.response().setStatusCode(400).end();
                    return;
                }
                Context context = vertx.getOrCreateContext();
                try {
                    // The callback runs on the producer's I/O thread: answer from the connection's event loop.
                    producer.send(new ProducerRecord<>(topic, key, body.result().getBytes()),
                            (metadata, error) -> context.runOnContext(v ->
                                    request.response().setStatusCode(error == null ? 200 : 503).end()));
                } catch (RuntimeException e) {
                    request.response().setStatusCode(503).end();
                }
            });
        }
    }
}
