package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppContent.errors;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.intValue;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.longValue;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nonBlank;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nullToEmpty;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.required;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.CallDirection;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallOutcome;
import io.switchboard.events.CallPermissionAnswered;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Customer;

/**
 * The WhatsApp Calling API's webhooks (docs/channels.md §2.11): field {@code calls} carries {@code value.calls[]}
 * ({@code connect}, {@code terminate}) and {@code value.statuses[]} (a business-initiated call's {@code RINGING},
 * {@code ACCEPTED}, {@code REJECTED}); the customer's answer to a call permission request is a {@code messages}
 * item of type {@code interactive} / {@code call_permission_reply}. Audio (SDP) is not ours: it stays in the raw
 * topic. The customer is the caller of a user-initiated call and the callee of a business-initiated one, keyed by
 * the same rules as messages ({@link WhatsAppIdentity}).
 */
final class WhatsAppCalls {

    private static final Channel CHANNEL = Channel.WHATSAPP;

    private WhatsAppCalls() {
    }

    /** One {@code value.calls[]} item; null for what is not an event of ours (a business-initiated connect). */
    static ConversationEvent call(JsonNode call, Scope scope, String where) {
        String callId = required(call, "id", "call");
        String event = nullToEmpty(text(call, "event")).toLowerCase(Locale.ROOT);
        CallDirection direction = direction(call);
        Instant occurredAt = timestamp(call);
        Customer customer = customer(call, direction, scope);
        String account = scope.phoneNumberId();
        String key = CHANNEL.conversationKey(account, customer.externalUserId());
        switch (event) {
            case "connect":
                if (direction != CallDirection.USER_INITIATED) {
                    return null;
                }
                return new CallReceived(eventId(callId, "connect"), CHANNEL, account, key, customer, callId,
                        direction, occurredAt, scope.receivedAt(), scope.raw());
            case "terminate":
                List<ChannelError> errors = errors(scope.value().path("errors"));
                Instant startedAt = epoch(call.path("start_time"));
                Instant endedAt = epoch(call.path("end_time"));
                Integer duration = intValue(call.path("duration"));
                return new CallEnded(eventId(callId, "terminate"), CHANNEL, account, key, customer, callId, direction,
                        outcome(text(call, "status"), startedAt, duration, errors), startedAt, endedAt, duration,
                        errors, occurredAt, scope.receivedAt(), scope.raw());
            default:
                throw new Malformed("unknown call event '" + text(call, "event") + "'");
        }
    }

    /**
     * One {@code value.statuses[]} item of field {@code calls}: only {@code REJECTED} is an event (the call ended,
     * rejected; its terminate webhook has the same id and is dropped as a copy). Ringing and accepted tell an agent
     * nothing the terminate will not.
     */
    static ConversationEvent status(JsonNode status, Scope scope, String where) {
        String callId = required(status, "id", "call status");
        String state = nullToEmpty(text(status, "status")).toUpperCase(Locale.ROOT);
        if (!"REJECTED".equals(state)) {
            if ("RINGING".equals(state) || "ACCEPTED".equals(state)) {
                return null;
            }
            throw new Malformed("unknown call status '" + text(status, "status") + "'");
        }
        String waId = nonBlank(text(status, "recipient_id"));
        String bsuid = nonBlank(text(status, "recipient_user_id"));
        Customer customer = WhatsAppIdentity.customer(waId, bsuid, null, waId == null && bsuid == null
                ? scope.positionalContact() : scope.contactFor(waId, bsuid));
        if (customer.externalUserId() == null) {
            throw new Malformed("call status names no recipient");
        }
        String account = scope.phoneNumberId();
        return new CallEnded(eventId(callId, "terminate"), CHANNEL, account,
                CHANNEL.conversationKey(account, customer.externalUserId()), customer, callId,
                CallDirection.BUSINESS_INITIATED, CallOutcome.REJECTED, null, null, null, List.of(),
                timestamp(status), scope.receivedAt(), scope.raw());
    }

    /** A {@code messages} item of type interactive / {@code call_permission_reply}. */
    static CallPermissionAnswered permissionReply(JsonNode reply, Origin o) {
        String response = nullToEmpty(text(reply, "response")).toLowerCase(Locale.ROOT);
        if (!"accept".equals(response) && !"reject".equals(response)) {
            throw new Malformed("call_permission_reply with response '" + text(reply, "response") + "'");
        }
        boolean accepted = "accept".equals(response);
        boolean permanent = reply.path("is_permanent").asBoolean(false);
        return new CallPermissionAnswered(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(),
                o.wamid(), accepted, permanent, accepted && !permanent ? epoch(reply.path("expiration_timestamp")) : null,
                text(reply, "response_source"), o.occurredAt(), o.receivedAt(), o.raw());
    }

    /**
     * A call nobody answered has no start time (and no duration); a user-initiated one is missed, a
     * business-initiated one too (the customer did not pick up) unless the channel reported an error.
     */
    static CallOutcome outcome(String status, Instant startedAt, Integer duration, List<ChannelError> errors) {
        boolean answered = startedAt != null || duration != null && duration > 0;
        boolean failed = "FAILED".equalsIgnoreCase(status);
        if (answered) {
            return failed ? CallOutcome.FAILED : CallOutcome.COMPLETED;
        }
        return failed && !errors.isEmpty() ? CallOutcome.FAILED : CallOutcome.MISSED;
    }

    private static CallDirection direction(JsonNode call) {
        String direction = nullToEmpty(text(call, "direction")).toUpperCase(Locale.ROOT);
        switch (direction) {
            case "USER_INITIATED":
                return CallDirection.USER_INITIATED;
            case "BUSINESS_INITIATED":
                return CallDirection.BUSINESS_INITIATED;
            default:
                throw new Malformed("call with direction '" + text(call, "direction") + "'");
        }
    }

    /** The caller of a user-initiated call, the callee of a business-initiated one. */
    private static Customer customer(JsonNode call, CallDirection direction, Scope scope) {
        String side = direction == CallDirection.USER_INITIATED ? "from" : "to";
        String waId = nonBlank(text(call, side));
        String bsuid = nonBlank(text(call, side + "_user_id"));
        JsonNode contact = waId == null && bsuid == null ? scope.positionalContact() : scope.contactFor(waId, bsuid);
        Customer customer = WhatsAppIdentity.customer(waId, bsuid, nonBlank(text(call, side + "_parent_user_id")),
                contact);
        if (customer.externalUserId() == null) {
            throw new Malformed("call names no customer (" + side + ", " + side + "_user_id or contacts[])");
        }
        return customer;
    }

    private static String eventId(String callId, String event) {
        return CHANNEL.prefix() + ":call:" + callId + ":" + event;
    }

    /** Epoch seconds (string or number); null when absent or unreadable. */
    private static Instant epoch(JsonNode node) {
        Long seconds = longValue(node);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }
}
