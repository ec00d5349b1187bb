package io.switchboard.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.switchboard.events.Channel;
import io.switchboard.events.FailureCategory;

class ErrorTableTest {

    @ParameterizedTest(name = "WhatsApp {0} (HTTP {1}) → {2}, {3}")
    @CsvSource({
            "131047, 400, PERMANENT, WINDOW_CLOSED",
            "131026, 400, PERMANENT, RECIPIENT_UNREACHABLE",
            "131050, 400, PERMANENT, RECIPIENT_UNREACHABLE",
            "132001, 400, PERMANENT, INVALID_REQUEST",
            "100, 400, PERMANENT, INVALID_REQUEST",
            "190, 401, PERMANENT, ACCOUNT_PROBLEM",
            "250, 403, PERMANENT, ACCOUNT_PROBLEM",
            "368, 400, PERMANENT, ACCOUNT_PROBLEM",
            "131016, 503, RETRY, RETRIES_EXHAUSTED",
            "133004, 503, RETRY, RETRIES_EXHAUSTED",
            "2, 503, RETRY, RETRIES_EXHAUSTED",
            "131000, 500, RETRY_FEW, RETRIES_EXHAUSTED",
            "1, 400, RETRY_FEW, RETRIES_EXHAUSTED",
            "4, 400, THROTTLED, RETRIES_EXHAUSTED",
            "80007, 400, THROTTLED, RETRIES_EXHAUSTED",
            "131057, 400, THROTTLED, RETRIES_EXHAUSTED",
            "131056, 400, PAIR_THROTTLED, RETRIES_EXHAUSTED",
            "131056, 429, PAIR_THROTTLED, RETRIES_EXHAUSTED",
            "130429, 429, RETRY, RETRIES_EXHAUSTED",
            "130429, 400, RETRY, RETRIES_EXHAUSTED",
    })
    void whatsappIsClassifiedByCodeNotByHttpStatus(int code, int status, Handling handling, FailureCategory category) {
        Classification classification = ErrorTable.whatsapp(code, status);
        assertThat(classification.handling()).isEqualTo(handling);
        assertThat(classification.category()).isEqualTo(category);
        assertThat(classification.reason()).isNotBlank();
    }

    @Test
    void unknownWhatsAppCodesAreRetriedOnlyWhenTheServerFailed() {
        assertThat(ErrorTable.whatsapp(999_999, 500).handling()).isEqualTo(Handling.RETRY_FEW);
        assertThat(ErrorTable.whatsapp(999_999, 400).handling()).isEqualTo(Handling.PERMANENT);
    }

    @ParameterizedTest(name = "Graph {0}/{1} → {2}, {3}")
    @CsvSource({
            "10, 2018278, PERMANENT, WINDOW_CLOSED",
            "10, 2534022, PERMANENT, WINDOW_CLOSED",
            "10, , PERMANENT, ACCOUNT_PROBLEM",
            "10, 1234, PERMANENT, ACCOUNT_PROBLEM",
            "2, 2018344, PERMANENT, ACCOUNT_PROBLEM",
            "2, , RETRY_FEW, RETRIES_EXHAUSTED",
            "1, , RETRY_FEW, RETRIES_EXHAUSTED",
            "613, , THROTTLED, RETRIES_EXHAUSTED",
            "32, , THROTTLED, RETRIES_EXHAUSTED",
            "100, 2018001, PERMANENT, RECIPIENT_UNREACHABLE",
            "100, , PERMANENT, INVALID_REQUEST",
            "551, , PERMANENT, RECIPIENT_UNREACHABLE",
            "190, , PERMANENT, ACCOUNT_PROBLEM",
            "199, , PERMANENT, ACCOUNT_PROBLEM",
    })
    void messengerAndInstagramUseCodeAndSubcode(int code, Integer subcode, Handling handling, FailureCategory category) {
        Classification classification = ErrorTable.graph(code, subcode, 400);
        assertThat(classification.handling()).isEqualTo(handling);
        assertThat(classification.category()).isEqualTo(category);
    }

    @Test
    void customSourcesAreClassifiedByHttpStatusAsTheirProtocolSays() {
        assertThat(ErrorTable.customSource(408).retryable()).isTrue();
        assertThat(ErrorTable.customSource(429).retryable()).isTrue();
        assertThat(ErrorTable.customSource(502).retryable()).isTrue();
        assertThat(ErrorTable.customSource(400).retryable()).isFalse();
        assertThat(ErrorTable.customSource(401).retryable()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} blocks the account: {2}")
    @CsvSource({
            "WHATSAPP, 190, true", "WHATSAPP, 0, true", "WHATSAPP, 10, true", "WHATSAPP, 250, true",
            "WHATSAPP, 368, true", "WHATSAPP, 131031, true", "WHATSAPP, 131026, false", "WHATSAPP, 130429, false",
            "WHATSAPP, 131047, false", "WHATSAPP, 100, false", "MESSENGER, 190, true", "INSTAGRAM, 200, true",
            "MESSENGER, 10, true", "MESSENGER, 551, false", "MESSENGER, 4, false", "CUSTOM, 190, false"})
    void accountWideErrorsAreTold(Channel channel, int code, boolean blocks) {
        assertThat(ErrorTable.blocksAccount(channel, code)).isEqualTo(blocks);
    }

    @Test
    void theGraphErrorEnvelopeIsRead() {
        GraphError error = GraphError.parse("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\","
                + "\"code\":130429,\"error_subcode\":2494055,\"error_data\":{\"messaging_product\":\"whatsapp\","
                + "\"details\":\"Cloud API message throughput has been reached.\"},\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}");
        assertThat(error.code()).isEqualTo(130429);
        assertThat(error.subcode()).isEqualTo(2494055);
        assertThat(error.said()).isEqualTo("Cloud API message throughput has been reached.");
        assertThat(GraphError.parse("<html>Bad gateway</html>").code()).isNull();
    }
}
