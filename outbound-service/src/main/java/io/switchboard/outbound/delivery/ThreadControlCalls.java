package io.switchboard.outbound.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.EventType;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ThreadControlAction;
import io.switchboard.events.ThreadControlChangeRequested;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.GraphCall;
import io.switchboard.outbound.channel.Handling;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Meta's handover protocol (docs/channels.md §3.8): a {@link ThreadControlChangeRequested} becomes one
 * {@code POST /{page-id}/take_thread_control} or {@code /pass_thread_control} (WhatsApp:
 * {@code POST /{phone-number-id}/thread_control}, {@link #whatsAppBody}) with the account's token, recorded in
 * {@code deliveries} under its event id like a reply (a redelivered command republishes its stored result) and
 * reported the same way: {@link DeliveryAccepted}, {@link DeliveryRetrying}, {@link DeliveryFailed}. Errors are
 * classified by {@link ErrorTable#graph} and retried with the replies' back-off. Unlike a message, a thread control
 * call shows nothing to the customer, so a call without an answer is tried again rather than left {@code UNKNOWN}.
 */
@ApplicationScoped
public class ThreadControlCalls {

    private static final Logger LOG = Logger.getLogger(ThreadControlCalls.class);

    /** WhatsApp's role for Meta's business AI agent, as routing names it in {@code targetAppId}. */
    static final String AI_AGENT = "ai_agent";

    private final DeliveryStore store;
    private final ResultPublisher publisher;
    private final DurableWrites writes;
    private final HttpClients http;
    private final OutboundConfig config;

    public ThreadControlCalls(DeliveryStore store, ResultPublisher publisher, DurableWrites writes, HttpClients http,
            OutboundConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.writes = writes;
        this.http = http;
        this.config = config;
    }

    /** Runs the command on a worker; completes once its result is durable and published. */
    public CompletableFuture<Void> handle(ThreadControlChangeRequested command) {
        return CompletableFuture.runAsync(() -> process(command), Infrastructure.getDefaultWorkerPool());
    }

    void process(ThreadControlChangeRequested command) {
        String key = command.eventId();
        Optional<DeliveryRow> existing = store.find(key);
        if (existing.isPresent() && existing.get().state().terminal()) {
            republish(existing.get());
            return;
        }
        OutboundConfig.Account account = config.accounts().get(command.channelAccountId());
        if (account == null || !account.channel().equals(command.channel().wireName())) {
            DeliveryFailed refused = failed(command, FailureCategory.NOT_SUPPORTED, null, "No configuration for "
                    + command.channel().wireName() + " account " + command.channelAccountId(), true, 0);
            if (writes.write("the refusal of " + key, () -> store.insertFailed(key, command.conversationKey(),
                    command.channel().wireName(), command.channelAccountId(), refused))) {
                publisher.publishAndWait(refused);
            }
            return;
        }
        int attempts = existing.map(DeliveryRow::attempts).orElse(0);
        boolean claimed = existing.isEmpty()
                ? store.claim(key, command.conversationKey(), command.channel().wireName(), command.channelAccountId())
                : existing.get().state() == DeliveryState.PENDING || store.reclaim(key);
        if (!claimed) {
            republish(store.find(key).orElseThrow());
            return;
        }
        boolean whatsApp = command.channel() == Channel.WHATSAPP;
        String edge = whatsApp ? "thread_control"
                : command.action() == ThreadControlAction.TAKE ? "take_thread_control" : "pass_thread_control";
        String node = account.node().orElse(command.channelAccountId());
        String body = whatsApp ? whatsAppBody(command) : body(command);
        for (int attempt = attempts + 1;; attempt++) {
            SendOutcome outcome = GraphCall.postEdge(http, account, node, edge, body, ErrorTable::graph);
            if (outcome.kind() == SendOutcome.Kind.ACCEPTED) {
                finish(key, DeliveryState.SENT, new DeliveryAccepted(key + ":accepted", key, command.channel(),
                        command.channelAccountId(), command.conversationKey(), null, attempt, Instant.now()));
                LOG.infof("thread control %s of %s accepted", command.action().wireName(), command.conversationId());
                return;
            }
            boolean retryable = outcome.kind() != SendOutcome.Kind.REJECTED || outcome.classification().retryable();
            int max = outcome.classification() != null && outcome.classification().handling() == Handling.RETRY_FEW
                    ? config.retry().maxAttemptsUncertain() : config.retry().maxAttempts();
            if (!retryable || attempt >= max) {
                FailureCategory category = !retryable ? outcome.classification().category()
                        : FailureCategory.RETRIES_EXHAUSTED;
                finish(key, DeliveryState.FAILED, failed(command, category, outcome,
                        outcome.reason() + (retryable ? "; gave up after " + attempt + " attempts" : ""), !retryable,
                        attempt));
                return;
            }
            Duration delay = backoff(attempt, outcome.retryAfter());
            Instant next = Instant.now().plus(delay);
            int tried = attempt;
            writes.write("the retry of " + key, () -> store.retryAt(key, next));
            publisher.publishAndWait(new DeliveryRetrying(key + ":retrying:" + tried, key, command.channel(),
                    command.channelAccountId(), command.conversationKey(), outcome.code(), outcome.subcode(),
                    outcome.httpStatus(), outcome.reason(), tried, next, Instant.now()));
            sleep(delay);
            if (!writes.write("the claim of " + key, () -> store.reclaim(key))) {
                return;
            }
        }
    }

    private void finish(String key, DeliveryState state, OutboundResultEvent result) {
        if (writes.write("the result of " + key, () -> store.finish(key, DeliveryState.PENDING, state, null, result))) {
            publisher.publishAndWait(result);
        }
    }

    private void republish(DeliveryRow row) {
        if (row.resultType() != null) {
            publisher.publishAndWait((OutboundResultEvent) CloudEventCodec.read(
                    EventType.fromCeType(row.resultType()), row.resultJson().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** {@code {"recipient": {"id": …}, "target_app_id": …, "metadata": …}}; take has no target. */
    static String body(ThreadControlChangeRequested command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient", Map.of("id", command.recipientId()));
        if (command.action() == ThreadControlAction.PASS) {
            body.put("target_app_id", command.targetAppId());
        }
        if (command.metadata() != null) {
            body.put("metadata", command.metadata());
        }
        try {
            return CloudEventCodec.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * WhatsApp Conversation Routing ({@code POST /{phone-number-id}/thread_control}): {@code take}, or {@code pass}
     * with {@code control_pass.target_role} {@code ai_agent} when the target is Meta's AI agent (an explicit pass,
     * so the agent is told and gets the metadata; {@code release} would tell nobody), else {@code pass} without
     * {@code control_pass} (to the escalation partner). The customer is {@code recipient} when keyed on a BSUID
     * ({@code CC.digits}), else {@code to} with the phone.
     */
    public static String whatsAppBody(ThreadControlChangeRequested command) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        String user = command.recipientId();
        if (user.indexOf('.') > 0) {
            body.put("recipient", user);
        } else {
            body.put("to", user.startsWith("+") ? user : "+" + user);
        }
        body.put("action", command.action().wireName());
        if (command.action() == ThreadControlAction.PASS && AI_AGENT.equals(command.targetAppId())) {
            body.put("control_pass", Map.of("target_role", AI_AGENT));
        }
        if (command.metadata() != null) {
            body.put("metadata", command.metadata());
        }
        try {
            return CloudEventCodec.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeliveryFailed failed(ThreadControlChangeRequested command, FailureCategory category,
            SendOutcome outcome, String reason, boolean permanent, int attempts) {
        return new DeliveryFailed(command.eventId() + ":failed", command.eventId(), command.channel(),
                command.channelAccountId(), command.conversationKey(), category,
                outcome == null ? null : outcome.code(), outcome == null ? null : outcome.subcode(),
                outcome == null ? null : outcome.httpStatus(), reason, false, permanent, attempts, Instant.now());
    }

    private Duration backoff(int attempt, Duration retryAfter) {
        OutboundConfig.Retry retry = config.retry();
        long millis = Math.min(retry.maxBackoff().toMillis(),
                retry.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
        Duration delay = Duration.ofMillis(Math.max(1, millis));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(retry.maxRetryAfter()) > 0 ? retry.maxRetryAfter() : retryAfter;
        }
        return delay;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
