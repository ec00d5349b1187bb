package io.switchboard.ingress.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.CallDirection;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallOutcome;
import io.switchboard.events.CallPermissionAnswered;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.Customer;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/** {@link WhatsAppCalls} through {@link WhatsAppNormalizer}: the Calling API vectors and inline shapes. */
class WhatsAppCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-12-06T10:00:00Z");
    private static final RawRef RAW = new RawRef(Topics.RAW_WEBHOOKS, 1, 99L);
    private static final WebhookContext CONTEXT = new WebhookContext("meta-app", RECEIVED, RAW);
    private static final String PNID = "106540352242922";
    private static final String KEY = "wa:106540352242922:16505551234";
    private static final Customer SHEENA = new Customer("16505551234", "Sheena Nelson", null, null,
            Map.of("wa_id", "16505551234"), Map.of());
    private static final String MISSED_CALL = "wacid.HBgLMTY1MDU1NTEyMzQVAgARGCA4QjFEM0Q0MjY4QzE0NjQ5QUQ0OEU3MDhCMkVFRkI3RgA=";

    private final WhatsAppNormalizer normalizer = new WhatsAppNormalizer();

    @Test
    void aUserInitiatedConnectIsACallReceivedOfTheCaller() {
        CallReceived call = single(vector("wa_50_call_connect_user_initiated_CONSTRUCTED.json"), CallReceived.class);

        assertThat(call).isEqualTo(new CallReceived("wa:call:" + MISSED_CALL + ":connect", Channel.WHATSAPP, PNID, KEY,
                SHEENA, MISSED_CALL, CallDirection.USER_INITIATED, Instant.ofEpochSecond(1765012800L), RECEIVED,
                RAW));
    }

    @Test
    void aTerminateWithoutStartTimeIsAMissedCall() {
        CallEnded call = single(vector("wa_51_call_terminate_missed_CONSTRUCTED.json"), CallEnded.class);

        assertThat(call).isEqualTo(new CallEnded("wa:call:" + MISSED_CALL + ":terminate", Channel.WHATSAPP, PNID, KEY,
                SHEENA, MISSED_CALL, CallDirection.USER_INITIATED, CallOutcome.MISSED, null, null, null, List.of(),
                Instant.ofEpochSecond(1765012845L), RECEIVED, RAW));
        assertThat(call.missed()).isTrue();
    }

    @Test
    void anAnsweredTerminateIsCompletedWithItsTimesAndDuration() {
        CallEnded call = single(vector("wa_52_call_terminate_completed_CONSTRUCTED.json"), CallEnded.class);

        assertThat(call.outcome()).isEqualTo(CallOutcome.COMPLETED);
        assertThat(call.startedAt()).isEqualTo(Instant.ofEpochSecond(1765016388L));
        assertThat(call.endedAt()).isEqualTo(Instant.ofEpochSecond(1765016519L));
        assertThat(call.durationSeconds()).isEqualTo(131);
        assertThat(call.conversationKey()).isEqualTo(KEY);
    }

    @Test
    void aRejectedCallStatusEndsTheCallUnderTheTerminateId() {
        CallEnded call = single(vector("wa_53_call_status_rejected_CONSTRUCTED.json"), CallEnded.class);

        assertThat(call.outcome()).isEqualTo(CallOutcome.REJECTED);
        assertThat(call.direction()).isEqualTo(CallDirection.BUSINESS_INITIATED);
        assertThat(call.eventId()).isEqualTo(
                "wa:call:wacid.HBgLMTY1MDU1NTEyMzQVAgARGCAwQzlGMkE3NTNEMjg0QzBBQjE5RTRFNUFDNjg5MDFGQwA=:terminate");
        assertThat(call.conversationKey()).isEqualTo(KEY);
    }

    @Test
    void aCallPermissionReplyIsAnsweredWithItsExpiry() {
        CallPermissionAnswered answer = single(vector("wa_54_call_permission_reply_CONSTRUCTED.json"),
                CallPermissionAnswered.class);

        assertThat(answer.eventId()).isEqualTo("wa:wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzRUIwQ0FMTFBFUk1JU1NJT04wMQA=");
        assertThat(answer.conversationKey()).isEqualTo(KEY);
        assertThat(answer.accepted()).isTrue();
        assertThat(answer.permanent()).isFalse();
        assertThat(answer.expiresAt()).isEqualTo(Instant.ofEpochSecond(1765625800L));
        assertThat(answer.source()).isEqualTo("user_action");
    }

    @Test
    void aRejectedPermissionHasNoExpiry() {
        Normalized normalized = inline("messages", "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.P2\","
                + "\"timestamp\":\"1765021000\",\"type\":\"interactive\",\"interactive\":{\"type\":"
                + "\"call_permission_reply\",\"call_permission_reply\":{\"response\":\"reject\","
                + "\"is_permanent\":false,\"expiration_timestamp\":1765625800,\"response_source\":\"user_action\"}}}]");

        CallPermissionAnswered answer = single(normalized, CallPermissionAnswered.class);
        assertThat(answer.accepted()).isFalse();
        assertThat(answer.expiresAt()).isNull();
    }

    @Test
    void aFailedCallWithErrorsKeepsThem() {
        Normalized normalized = inline("calls", "\"calls\":[{\"id\":\"wacid.F1\",\"from\":\"16505551234\","
                + "\"event\":\"terminate\",\"timestamp\":\"1765012845\",\"direction\":\"USER_INITIATED\","
                + "\"status\":\"FAILED\"}],\"errors\":[{\"code\":131000,\"title\":\"Something went wrong\"}]");

        CallEnded call = single(normalized, CallEnded.class);
        assertThat(call.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(call.errors()).extracting(ChannelError::code).containsExactly(131000);
    }

    @Test
    void aBsuidOnlyCallerIsKeyedOnTheBsuid() {
        Normalized normalized = inline("calls", "\"contacts\":[{\"user_id\":\"US.13491208655302741918\","
                + "\"profile\":{\"name\":\"Kim\"}}],\"calls\":[{\"id\":\"wacid.B1\",\"from_user_id\":"
                + "\"US.13491208655302741918\",\"event\":\"connect\",\"timestamp\":\"1765012800\","
                + "\"direction\":\"USER_INITIATED\"}]");

        CallReceived call = single(normalized, CallReceived.class);
        assertThat(call.conversationKey()).isEqualTo("wa:" + PNID + ":US.13491208655302741918");
        assertThat(call.customer().displayName()).isEqualTo("Kim");
    }

    @Test
    void ringingAndBusinessInitiatedConnectsAreIgnoredNotRejected() {
        Normalized normalized = inline("calls", "\"calls\":[{\"id\":\"wacid.O1\",\"to\":\"16505551234\","
                + "\"event\":\"connect\",\"timestamp\":\"1765012800\",\"direction\":\"BUSINESS_INITIATED\"}],"
                + "\"statuses\":[{\"id\":\"wacid.O1\",\"type\":\"call\",\"status\":\"RINGING\","
                + "\"timestamp\":\"1765012801\",\"recipient_id\":\"16505551234\"}]");

        assertThat(normalized.events()).isEmpty();
        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.ignored()).containsExactly("calls:connect", "statuses:ringing");
    }

    @Test
    void aCallWithoutCustomerOrWithAnUnknownEventIsRejectedAlone() {
        Normalized normalized = inline("calls", "\"calls\":[{\"id\":\"wacid.X1\",\"event\":\"connect\","
                + "\"timestamp\":\"1765012800\",\"direction\":\"USER_INITIATED\"},{\"id\":\"wacid.X2\","
                + "\"from\":\"16505551234\",\"event\":\"hold\",\"timestamp\":\"1765012800\","
                + "\"direction\":\"USER_INITIATED\"},{\"id\":\"wacid.X3\",\"from\":\"16505551234\","
                + "\"event\":\"connect\",\"timestamp\":\"1765012800\",\"direction\":\"USER_INITIATED\"}]");

        assertThat(normalized.rejections()).hasSize(2);
        assertThat(normalized.events()).singleElement().isInstanceOf(CallReceived.class);
    }

    private Normalized vector(String name) {
        try {
            return normalizer.normalize(JSON.readTree(Files.readAllBytes(Webhooks.vectors().resolve(name))), CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Normalized inline(String field, String valueMembers) {
        try {
            JsonNode body = JSON.readTree("{\"object\":\"whatsapp_business_account\",\"entry\":[{"
                    + "\"id\":\"102290129340398\",\"changes\":[{\"field\":\"" + field + "\",\"value\":{"
                    + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                    + "\"phone_number_id\":\"" + PNID + "\"}," + valueMembers + "}}]}]}");
            return normalizer.normalize(body, CONTEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T single(Normalized normalized, Class<T> type) {
        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.ignored()).isEmpty();
        assertThat(normalized.events()).singleElement().isInstanceOf(type);
        return type.cast(normalized.events().get(0));
    }
}
