package io.switchboard.agent.media;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.agent.config.AgentConfig;
import io.switchboard.events.MediaRef;
import io.switchboard.messaging.http.ApiException;

/**
 * Opens a piece of media at the channel, streaming, never stored. WhatsApp: the Graph API's
 * {@code GET /{version}/{media-id}} with the account's token answers a short-lived {@code url}, fetched with the
 * same token. Messenger, Instagram and custom sources: the attachment URL the webhook gave (no token: Meta's CDN
 * links are signed, and a custom source's host must not see a Meta token). The channel not knowing the media (any
 * more) is a 404 {@code media_unavailable}; anything else it does wrong a 502.
 */
@ApplicationScoped
public class MediaFetcher {

    private final AgentConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public MediaFetcher(AgentConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.media().connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The open stream, its type and length (-1 when the host does not say). */
    public record Opened(InputStream body, String contentType, long length) {
    }

    Opened open(MediaRef media, String channelAccountId) {
        if (media.mediaId() != null) {
            AgentConfig.Account account = config.accounts().get(channelAccountId);
            if (account == null || account.accessToken().isEmpty()) {
                throw new ApiException(502, "media_account_unknown",
                        "no access token is configured for the channel account of this media");
            }
            String token = account.accessToken().get();
            String url = resolve(account, media.mediaId(), token);
            return fetch(url, Optional.of(token), media);
        }
        if (media.url() == null) {
            throw ApiException.notFound("media_unavailable", "the channel gave neither a media id nor a URL");
        }
        return fetch(media.url(), Optional.empty(), media);
    }

    /** The Graph API's short-lived download URL for a WhatsApp media id. */
    private String resolve(AgentConfig.Account account, String mediaId, String token) {
        URI uri = URI.create(account.baseUrl().replaceAll("/+$", "") + "/" + account.apiVersion() + "/" + mediaId);
        HttpResponse<byte[]> answer = send(HttpRequest.newBuilder(uri).GET().header("Authorization", "Bearer " + token)
                .timeout(config.media().readTimeout()).build(), HttpResponse.BodyHandlers.ofByteArray());
        int status = answer.statusCode();
        // Graph answers an unknown or expired media id (kept 30 days) with 404, or 400 and error code 100.
        if (status == 404 || (status == 400 && graphCode(answer.body()) == 100)) {
            throw ApiException.notFound("media_unavailable", "the channel no longer has this media (expired or removed)");
        }
        if (status != 200) {
            throw new ApiException(502, "media_upstream_failed", "the Graph API answered " + status
                    + " for the media id");
        }
        try {
            String url = json.readTree(answer.body()).path("url").asText(null);
            if (url == null || url.isBlank()) {
                throw new ApiException(502, "media_upstream_failed", "the Graph API's answer has no url");
            }
            return url;
        } catch (IOException e) {
            throw new ApiException(502, "media_upstream_failed", "the Graph API's answer is not JSON");
        }
    }

    private Opened fetch(String url, Optional<String> token, MediaRef media) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(config.media().readTimeout());
        } catch (IllegalArgumentException e) {
            throw new ApiException(502, "media_upstream_failed", "the media URL is not usable");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<InputStream> answer = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = answer.statusCode();
        if (status != 200) {
            close(answer.body());
            // A signed CDN link that lapsed answers 403 or 404; 410 is gone for good.
            if (status == 403 || status == 404 || status == 410) {
                throw ApiException.notFound("media_unavailable",
                        "the channel no longer serves this media (its link expired or it was removed)");
            }
            throw new ApiException(502, "media_upstream_failed", "the media host answered " + status);
        }
        long max = config.media().maxBytes();
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (length > max) {
            close(answer.body());
            throw new ApiException(502, "media_too_large", "the media is " + length + " bytes, more than " + max);
        }
        String type = answer.headers().firstValue("Content-Type").orElse(
                media.mimeType() != null ? media.mimeType() : "application/octet-stream");
        if (length < 0) {
            // Unannounced length: read at most the bound first, so a file over it is refused before the answer
            // starts (and the answer gets its length); memory stays within max-bytes per request.
            byte[] bytes = readAtMost(answer.body(), max);
            return new Opened(new ByteArrayInputStream(bytes), type, bytes.length);
        }
        return new Opened(new Bounded(answer.body(), max), type, length);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ApiException(502, "media_upstream_failed", "the media host did not answer: " + e.getClass()
                    .getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(502, "media_upstream_failed", "interrupted while fetching the media");
        }
    }

    private static byte[] readAtMost(InputStream body, long max) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new ApiException(502, "media_too_large", "the media is more than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(502, "media_upstream_failed", "the media host broke off: " + e.getClass()
                    .getSimpleName());
        }
    }

    private int graphCode(byte[] body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.path("code").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing more to read from it anyway.
        }
    }

    /** Stops a host that sends more than it announced (or did not announce) at the bound: the stream fails. */
    static final class Bounded extends FilterInputStream {

        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("media larger than " + max + " bytes");
            }
        }
    }
}
