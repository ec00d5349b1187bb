package io.switchboard.bench.outbound;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The WhatsApp Cloud API's {@code POST /{version}/{phone-number-id}/messages}, answering the documented success shape
 * at once, and recording when each send arrived (System.nanoTime, the bench's own clock) per phone number id.
 */
final class GraphStandIn implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/v[0-9.]+/([0-9]+)/messages");
    private static final Pattern TO = Pattern.compile("\"to\":\"\\+([0-9]+)\"");

    /** One send as the channel saw it. */
    record Arrival(String phoneNumberId, String to, long nanos) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private HttpServer server;

    int start() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            Matcher path = PATH.matcher(request.path());
            Matcher to = TO.matcher(body.toString());
            if (!"POST".equals(request.method().name()) || !path.matches() || !to.find()) {
                request.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end("{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\","
                                + "\"code\":100,\"fbtrace_id\":\"bench\"}}");
                return;
            }
            arrivals.add(new Arrival(path.group(1), to.group(1), now));
            request.response().putHeader("Content-Type", "application/json")
                    .end("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+" + to.group(1)
                            + "\",\"wa_id\":\"" + to.group(1) + "\"}],\"messages\":[{\"id\":\"wamid.bench"
                            + ids.incrementAndGet() + "\"}]}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return server.actualPort();
    }

    List<Arrival> arrivals(String phoneNumberId) {
        return arrivals.stream().filter(a -> a.phoneNumberId().equals(phoneNumberId)).collect(Collectors.toList());
    }

    @Override
    public void close() {
        vertx.close();
    }
}
