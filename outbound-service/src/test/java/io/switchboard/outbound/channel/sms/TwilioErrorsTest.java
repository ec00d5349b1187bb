package io.switchboard.outbound.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.switchboard.events.Channel;
import io.switchboard.events.FailureCategory;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.Handling;

/** Twilio's codes at send time and in status callbacks (docs/channels.md §6.6). */
class TwilioErrorsTest {

    @ParameterizedTest(name = "Twilio {0} (HTTP {1}) → {2}, {3}")
    @CsvSource({
            "21211, 400, PERMANENT, RECIPIENT_UNREACHABLE",
            "21610, 400, PERMANENT, RECIPIENT_UNREACHABLE",
            "21614, 400, PERMANENT, RECIPIENT_UNREACHABLE",
            "20003, 401, PERMANENT, ACCOUNT_PROBLEM",
            "20429, 429, THROTTLED, RETRIES_EXHAUSTED",
            "21617, 400, PERMANENT, INVALID_REQUEST",
            "30003, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "30004, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "30005, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "30006, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "30007, 0, PERMANENT, INVALID_REQUEST",
            "30008, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "99999, 0, PERMANENT, RECIPIENT_UNREACHABLE",
            "99999, 400, PERMANENT, INVALID_REQUEST",
            "99999, 500, RETRY, RETRIES_EXHAUSTED",
    })
    void codesAreClassifiedByCodeFirst(int code, int status, Handling handling, FailureCategory category) {
        Classification classification = TwilioErrors.classify(code, status);
        assertThat(classification.handling()).isEqualTo(handling);
        assertThat(classification.category()).isEqualTo(category);
    }

    @Test
    void withoutACodeTheStatusDecides() {
        assertThat(TwilioErrors.classify(null, 429).handling()).isEqualTo(Handling.THROTTLED);
        assertThat(TwilioErrors.classify(null, 503).handling()).isEqualTo(Handling.RETRY);
        assertThat(TwilioErrors.classify(null, 404).handling()).isEqualTo(Handling.PERMANENT);
    }

    @Test
    void onlyRefusedCredentialsBlockTheNumber() {
        assertThat(ErrorTable.blocksAccount(Channel.SMS, 20003)).isTrue();
        assertThat(ErrorTable.blocksAccount(Channel.SMS, 21610)).isFalse();
        assertThat(ErrorTable.blocksAccount(Channel.SMS, null)).isFalse();
    }
}
