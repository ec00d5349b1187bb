package io.switchboard.outbound.channel;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.switchboard.outbound.config.OutboundConfig;

/** Graph API REST clients per base URL (each channel account may have its own), with the configured timeouts. */
@ApplicationScoped
public class HttpClients {

    // Without this, the client turns every 4xx/5xx into an exception and the channel's error body is harder to read.
    private static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    private final OutboundConfig config;
    private final ConcurrentMap<String, GraphApi> graph = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> others = new ConcurrentHashMap<>();

    public HttpClients(OutboundConfig config) {
        this.config = config;
    }

    public GraphApi graph(String baseUrl) {
        return graph.computeIfAbsent(baseUrl, url -> builder(url).build(GraphApi.class));
    }

    /** Another channel's REST client interface (Telegram's Bot API), per base URL, with the same timeouts. */
    public <T> T client(String baseUrl, Class<T> api) {
        return api.cast(others.computeIfAbsent(api.getName() + " " + baseUrl, key -> builder(baseUrl).build(api)));
    }

    private QuarkusRestClientBuilder builder(String url) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(config.http().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.http().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE);
    }

    /** Whether a failed call certainly never reached the server (so sending again cannot duplicate). */
    public static boolean neverReachedServer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The body of an answer as text, or empty. */
    public static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@code Retry-After} in seconds, when the answer has one. */
    public static Duration retryAfter(Response response) {
        return retryAfter(response.getHeaderString("Retry-After"));
    }

    /** A {@code Retry-After} value in seconds; null when absent, negative or not a number. */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
