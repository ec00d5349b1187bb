package io.switchboard.outbound.channel.sms;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.outbound.config.OutboundConfig;

/**
 * The HTTP call to Twilio's Messages API: a form body, HTTP basic auth with the Account SID and auth token, the
 * answer read up to {@code http.max-answer-bytes}. The JDK client, as for custom sources: nothing here needs more.
 */
@ApplicationScoped
public class TwilioMessages {

    /** What Twilio answered; {@code body} cut at the limit. */
    public record Answer(int status, String body, Optional<String> retryAfter) {
    }

    /** The call failed before an answer: {@code neverReached} when it certainly did not reach Twilio. */
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

    /** One form field; a name may repeat (Twilio takes several {@code MediaUrl}). */
    public record Field(String name, String value) {
    }

    private final OutboundConfig config;
    private final HttpClient client;

    public TwilioMessages(OutboundConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code POST {base}/2010-04-01/Accounts/{accountSid}/Messages.json}. */
    public Answer send(String baseUrl, String accountSid, String authToken, List<Field> fields) throws Failed {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(base + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8)
                + "/Messages.json");
        String credentials = Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.http().readTimeout())
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(config.http().maxAnswerBytes());
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8),
                        response.headers().firstValue("Retry-After"));
            }
        } catch (HttpTimeoutException e) {
            throw new Failed("no answer within " + config.http().readTimeout().toMillis() + " ms", false);
        } catch (ConnectException | UnknownHostException e) {
            throw new Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } catch (IOException e) {
            throw new Failed(e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", false);
        }
    }

    static String form(List<Field> fields) {
        return fields.stream().map(f -> URLEncoder.encode(f.name(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(f.value(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
