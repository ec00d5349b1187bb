package io.switchboard.outbound.channel.custom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.outbound.config.OutboundConfig;

/**
 * The HTTP call to a custom source's callback URL, with the answer's body read up to
 * {@code switchboard.outbound.http.max-answer-bytes}: a source (or whoever answers for its URL) cannot make us buffer
 * an endless body. The whole call, body included, has {@code read-timeout}. The JDK client rather than the REST
 * client, which buffers an answer whole before handing it over.
 */
@ApplicationScoped
public class Callbacks {

    /** What the source answered; {@code body} empty when it was longer than the limit ({@code tooLarge}). */
    public record Answer(int status, String body, boolean tooLarge, Optional<String> retryAfter) {
    }

    /** The call failed before an answer: {@code neverReached} when it certainly did not reach the source. */
    public static final class Failed extends Exception {

        private final boolean neverReached;

        Failed(String message, boolean neverReached) {
            super(message, null, false, false);
            this.neverReached = neverReached;
        }

        public boolean neverReached() {
            return neverReached;
        }
    }

    private final OutboundConfig config;
    private final HttpClient client;

    public Callbacks(OutboundConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Answer post(String url, List<String> headers, String body) throws Failed {
        Duration timeout = config.http().readTimeout();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .headers(headers.toArray(String[]::new)).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        int limit = config.http().maxAnswerBytes();
        CompletableFuture<HttpResponse<Limited>> call = client.sendAsync(request, info -> new LimitedBody(limit));
        try {
            HttpResponse<Limited> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Limited answer = response.body();
            return new Answer(response.statusCode(), answer.text(), answer.tooLarge(),
                    response.headers().firstValue("Retry-After"));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new Failed("no complete answer within " + timeout.toMillis() + " ms", false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            boolean neverReached = cause instanceof java.net.ConnectException
                    || cause instanceof java.nio.channels.UnresolvedAddressException
                    || cause instanceof java.net.UnknownHostException;
            throw new Failed(cause.getClass().getSimpleName() + ": " + cause.getMessage(), neverReached);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new Failed("interrupted", false);
        }
    }

    /** The body read so far; {@code tooLarge} when the source sent more than the limit (then nothing is kept). */
    record Limited(String text, boolean tooLarge) {
    }

    /** Keeps at most {@code limit} bytes; past them it cancels the body (the connection is dropped). */
    static final class LimitedBody implements HttpResponse.BodySubscriber<Limited> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<Limited> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Limited> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.complete(new Limited("", true));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure instanceof IOException ? failure : new IOException(failure));
        }

        @Override
        public void onComplete() {
            result.complete(new Limited(bytes.toString(StandardCharsets.UTF_8), false));
        }
    }
}
