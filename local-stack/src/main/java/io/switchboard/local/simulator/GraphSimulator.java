package io.switchboard.local.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.switchboard.local.simulator.MetaWebhooks.WhatsAppNumber;

/**
 * The channels' side of a local run: a stand-in for Meta's Graph API that outbound-service sends to, and the customers
 * who write to the business through it.
 * <ul>
 * <li>{@code POST /{version}/{phone-number-id | page-id}/messages}: checks the bearer token, records the send, answers
 * with Graph's success shape, then reports the delivery back to ingress as Meta does, with signed status webhooks
 * (WhatsApp: sent, delivered, read; or failed with 131047 when free text reaches a customer whose 24-hour window has
 * closed; Messenger: delivery and read watermarks).</li>
 * <li>{@code POST /_simulator/whatsapp/{phone-number-id}/customers/{phone}/messages} and
 * {@code POST /_simulator/messenger/{page-id}/customers/{psid}/messages} with {@code {"text": …, "name": …,
 * "sentAt": …}}: a customer writes; the signed webhook goes to ingress. On WhatsApp, {@code "image": {"base64",
 * "mimeType", "caption"}} sends a photo (kept as a customer's media, below) and {@code "location": {"latitude",
 * "longitude", "name", "address"}} a location.</li>
 * <li>{@code GET /_simulator/sent}: everything outbound sent, with the receipts reported for it.</li>
 * <li>Media a customer sends: {@code PUT /_simulator/media/{media-id}} (the bytes, with their Content-Type) stores
 * it; then, as the Cloud API does, {@code GET /{version}/{media-id}} with the bearer token answers its metadata and a
 * short-lived {@code url} under {@code /_simulator/media-download/}, which serves the bytes with the same token.</li>
 * <li>{@code POST /otlp/v1/traces}: the services' spans (OTLP/HTTP protobuf), kept so that a run can tell which
 * services took part in a trace; {@code GET /_simulator/traces/{trace-id}} lists them, and
 * {@code POST /_simulator/traces/search} (a JSON array of strings) answers which of them some span holds, and
 * where.</li>
 * </ul>
 */
public final class GraphSimulator implements AutoCloseable {

    /** One call outbound made, and what the simulator reported back for it. */
    public record Sent(long seq, String at, String channel, String account, String recipient, String messageId,
            String kind, JsonNode body, String traceparent, List<String> receipts) {
    }

    /** The services whose exported spans name each of these service names; see {@link #servicesInTrace}. */
    private static final List<String> SERVICE_NAMES = List.of("ingress-service", "routing-service", "agent-service",
            "outbound-service");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEND = Pattern.compile("/v[0-9.]+/([^/]+)/messages");
    private static final Pattern CUSTOMER =
            Pattern.compile("/_simulator/(whatsapp|messenger)/([^/]+)/customers/([^/]+)/messages");
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Pattern MEDIA_META = Pattern.compile("/v[0-9.]+/([0-9]+)");
    private static final String MEDIA_UPLOAD = "/_simulator/media/";

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("graph-simulator"));
    private final ScheduledExecutorService receipts = Executors.newSingleThreadScheduledExecutor(
            daemon("graph-simulator-receipts"));
    private final MetaWebhooks webhooks;
    private final Map<String, WhatsAppNumber> numbers;
    private final String accessToken;
    private final Duration receiptDelay;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final CustomerMedia media = new CustomerMedia();
    private final Map<String, Instant> lastCustomerMessage = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    /** The raw OTLP export requests; a span's trace id is 16 raw bytes in them, its service's name a string. */
    private final List<byte[]> spanExports = new CopyOnWriteArrayList<>();

    /**
     * @param numbers      the WhatsApp business numbers, by phone number id
     * @param accessToken  the token outbound must present (Graph answers 401 / code 190 otherwise)
     * @param receiptDelay the pause between a send and each of its receipts
     */
    public GraphSimulator(int port, MetaWebhooks webhooks, List<WhatsAppNumber> numbers, String accessToken,
            Duration receiptDelay) throws IOException {
        this.webhooks = webhooks;
        this.numbers = numbers.stream().collect(Collectors.toMap(WhatsAppNumber::phoneNumberId,
                n -> n));
        this.accessToken = accessToken;
        this.receiptDelay = receiptDelay;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public void close() {
        server.stop(0);
        receipts.shutdownNow();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher send = SEND.matcher(path);
            Matcher customer = CUSTOMER.matcher(path);
            if ("POST".equals(method) && send.matches()) {
                graphSend(exchange, send.group(1));
            } else if ("POST".equals(method) && customer.matches()) {
                customerWrites(exchange, customer.group(1), customer.group(2), customer.group(3));
            } else if ("PUT".equals(method) && path.startsWith(MEDIA_UPLOAD)) {
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                media.put(path.substring(MEDIA_UPLOAD.length()), type, body(exchange));
                exchange.sendResponseHeaders(204, -1);
            } else if ("GET".equals(method) && MEDIA_META.matcher(path).matches()
                    && media.has(path.substring(path.lastIndexOf('/') + 1))) {
                if (authorized(exchange)) {
                    media.metadata(exchange, path.substring(path.lastIndexOf('/') + 1));
                }
            } else if ("GET".equals(method) && path.startsWith(CustomerMedia.DOWNLOAD)) {
                if (authorized(exchange)) {
                    media.download(exchange, path.substring(CustomerMedia.DOWNLOAD.length()));
                }
            } else if ("GET".equals(method) && "/_simulator/sent".equals(path)) {
                respond(exchange, 200, JSON.valueToTree(sent));
            } else if ("POST".equals(method) && path.endsWith("/v1/traces")) {
                spanExports.add(body(exchange));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } else if ("POST".equals(method) && "/_simulator/traces/search".equals(path)) {
                List<String> needles = JSON.readValue(exchange.getRequestBody(), JSON.getTypeFactory()
                        .constructCollectionType(List.class, String.class));
                respond(exchange, 200, JSON.valueToTree(inSpans(needles)));
            } else if ("GET".equals(method) && path.startsWith("/_simulator/traces/")) {
                String traceId = path.substring("/_simulator/traces/".length());
                respond(exchange, 200, JSON.valueToTree(servicesInTrace(traceId)));
            } else {
                respond(exchange, 404, graphError(803, "OAuthException", "Unknown path " + method + " " + path));
            }
        } catch (Exception e) {
            respond(exchange, 500, graphError(2, "OAuthException", "simulator: " + e));
        }
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + accessToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        respond(exchange, 401, graphError(190, "OAuthException", "Invalid OAuth access token."));
        return false;
    }

    private void graphSend(HttpExchange exchange, String account) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = read(exchange.getRequestBody());
        if ("whatsapp".equals(body.path("messaging_product").asText())) {
            whatsAppSend(exchange, account, body);
        } else {
            messengerSend(exchange, account, body);
        }
    }

    private void whatsAppSend(HttpExchange exchange, String phoneNumberId, JsonNode body) throws IOException {
        WhatsAppNumber number = numbers.get(phoneNumberId);
        if (number == null) {
            respond(exchange, 400, graphError(100, "OAuthException", "Unsupported post request. Object with ID '"
                    + phoneNumberId + "' does not exist"));
            return;
        }
        if ("read".equals(body.path("status").asText())) {
            respond(exchange, 200, JSON.createObjectNode().put("success", true));
            return;
        }
        // Graph accepts "+1650…" and answers, and reports statuses, with the bare wa_id.
        String to = body.path("to").asText(body.path("recipient").asText()).replaceFirst("^\\+", "");
        String kind = body.path("type").asText("text");
        String wamid = "wamid.SIMOUT" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        Sent record = record("whatsapp", phoneNumberId, to, wamid, kind, body, exchange);
        ObjectNode answer = JSON.createObjectNode().put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put("wa_id", to);
        answer.putArray("messages").addObject().put("id", wamid);
        respond(exchange, 200, answer);

        Instant last = lastCustomerMessage.get(phoneNumberId + "/" + to);
        boolean windowClosed = last != null && last.plus(WINDOW).isBefore(Instant.now());
        if (windowClosed && !"template".equals(kind)) {
            // As Meta does: accepted synchronously, then failed by webhook (docs/channels.md §2.7).
            later(1, record, "failed", () -> webhooks.whatsAppStatus(number, wamid, to, "failed", Instant.now(),
                    131047));
            return;
        }
        List<String> statuses = List.of("sent", "delivered", "read");
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            later(i + 1, record, status, () -> webhooks.whatsAppStatus(number, wamid, to, status, Instant.now(), null));
        }
    }

    private void messengerSend(HttpExchange exchange, String pageId, JsonNode body) throws IOException {
        String psid = body.path("recipient").path("id").asText();
        String mid = "m_SIMOUT" + UUID.randomUUID().toString().replace("-", "");
        String kind = body.path("message").has("attachment") ? "attachment" : "text";
        Sent record = record("messenger", pageId, psid, mid, kind, body, exchange);
        respond(exchange, 200, JSON.createObjectNode().put("recipient_id", psid).put("message_id", mid));
        later(1, record, "delivered", () -> webhooks.messengerDelivery(pageId, psid, List.of(mid), Instant.now()));
        later(2, record, "read", () -> webhooks.messengerRead(pageId, psid, Instant.now()));
    }

    private void customerWrites(HttpExchange exchange, String channel, String account, String customer)
            throws IOException, InterruptedException {
        JsonNode body = read(exchange.getRequestBody());
        String text = body.path("text").asText("Hello");
        Instant at = body.hasNonNull("sentAt") ? Instant.parse(body.get("sentAt").asText()) : Instant.now();
        String id;
        if ("whatsapp".equals(channel)) {
            WhatsAppNumber number = numbers.get(account);
            if (number == null) {
                respond(exchange, 404, graphError(100, "OAuthException", "no WhatsApp number " + account));
                return;
            }
            id = whatsApp(number, customer, body, text, at);
            lastCustomerMessage.merge(account + "/" + customer, at, (a, b) -> a.isAfter(b) ? a : b);
        } else {
            id = webhooks.messengerText(account, customer, text, at);
        }
        respond(exchange, 200, JSON.createObjectNode().put("messageId", id));
    }

    /** A text, or with {@code image} ({@code base64}, {@code mimeType}, {@code caption}) or {@code location}. */
    private String whatsApp(WhatsAppNumber number, String customer, JsonNode body, String text, Instant at)
            throws IOException, InterruptedException {
        String name = body.path("name").asText("Customer " + customer);
        JsonNode image = body.path("image");
        JsonNode location = body.path("location");
        if (image.isObject()) {
            String type = image.path("mimeType").asText("image/png");
            String mediaId = media.upload(type, Base64.getDecoder().decode(image.path("base64").asText()));
            return webhooks.whatsAppImage(number, customer, name, mediaId, type, image.path("caption").asText(null),
                    at);
        }
        if (location.isObject()) {
            return webhooks.whatsAppLocation(number, customer, name, location.path("latitude").asDouble(),
                    location.path("longitude").asDouble(), location.path("name").asText(null),
                    location.path("address").asText(null), at);
        }
        return webhooks.whatsAppText(number, customer, name, text, at, body.path("traceparent").asText(null));
    }

    private Sent record(String channel, String account, String recipient, String id, String kind, JsonNode body,
            HttpExchange exchange) {
        Sent record = new Sent(seq.incrementAndGet(), Instant.now().toString(), channel, account, recipient, id, kind,
                body, exchange.getRequestHeaders().getFirst("traceparent"), new CopyOnWriteArrayList<>());
        sent.add(record);
        return record;
    }

    private interface Report {
        void post() throws Exception;
    }

    /** A receipt, {@code step} delays after the send; a receipt ingress refused is recorded as such. */
    private void later(int step, Sent record, String status, Report report) {
        receipts.schedule(() -> {
            try {
                report.post();
                record.receipts().add(status);
            } catch (Exception e) {
                record.receipts().add(status + " NOT DELIVERED TO INGRESS: " + e.getMessage());
            }
        }, receiptDelay.toMillis() * step, TimeUnit.MILLISECONDS);
    }

    /**
     * The services that exported a span of the trace: an OTLP export request holds one service's spans (its resource
     * names it), each with the trace id as 16 raw bytes. A byte search, not a protobuf parser: enough to tell who
     * took part, and nothing here depends on more.
     */
    public List<String> servicesInTrace(String traceIdHex) {
        byte[] traceId = HexFormat.of().parseHex(traceIdHex);
        return SERVICE_NAMES.stream().filter(name -> spanExports.stream().anyMatch(export ->
                contains(export, traceId) && contains(export, name.getBytes(StandardCharsets.UTF_8)))).toList();
    }

    /**
     * Which of these strings some exported span holds (as UTF-8, the way protobuf carries strings), each with the
     * printable bytes around its first occurrence, which name the attribute that holds it.
     */
    public Map<String, String> inSpans(List<String> needles) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String needle : needles) {
            byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
            for (byte[] export : spanExports) {
                int at = indexOf(export, bytes);
                if (at >= 0) {
                    int from = Math.max(0, at - 80);
                    int to = Math.min(export.length, at + bytes.length + 20);
                    StringBuilder context = new StringBuilder();
                    for (int i = from; i < to; i++) {
                        context.append(export[i] >= 0x20 && export[i] < 0x7f ? (char) export[i] : '.');
                    }
                    found.put(needle, context.toString());
                    break;
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The request body, inflated when the exporter compressed it. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        return raw;
    }

    private static JsonNode read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    static ObjectNode graphError(int code, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("code", code)
                .put("fbtrace_id", "SIM" + Long.toHexString(System.nanoTime()));
        return root;
    }

    static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
