package io.switchboard.ingress.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Known answers of {@code X-Twilio-Signature} (docs/channels.md §6.2). The webhook tests sign with the same code that
 * checks, so a broken HMAC would pass there; the published value written here would not.
 */
class TwilioSignatureTest {

    /** Twilio's published example: auth token 12345, a URL with a query string, five POST parameters. */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String PUBLISHED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static TwilioForm published() {
        // Deliberately not in name order: the signature sorts them.
        return TwilioForm.parse(("To=%2B18005551212&Digits=1234&CallSid=CA1234567890ABCDE&From=%2B14158675309"
                + "&Caller=%2B14158675309").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePublishedExampleGivesThePublishedSignature() {
        assertThat(TwilioSignature.compute("12345", URL, published())).isEqualTo(PUBLISHED);
        assertThat(TwilioSignature.matches(PUBLISHED, "12345", URL, published())).isTrue();
    }

    @Test
    void anotherTokenUrlParameterOrValueDoesNotMatch() {
        assertThat(TwilioSignature.matches(PUBLISHED, "12346", URL, published())).isFalse();
        assertThat(TwilioSignature.matches(PUBLISHED, "12345", "https://mycompany.com/myapp.php?foo=1&bar=3",
                published())).isFalse();
        assertThat(TwilioSignature.matches(PUBLISHED, "12345", "http://mycompany.com/myapp.php?foo=1&bar=2",
                published())).isFalse();
        TwilioForm changed = TwilioForm.parse(("To=%2B18005551212&Digits=1235&CallSid=CA1234567890ABCDE"
                + "&From=%2B14158675309&Caller=%2B14158675309").getBytes(StandardCharsets.UTF_8));
        assertThat(TwilioSignature.matches(PUBLISHED, "12345", URL, changed)).isFalse();
        TwilioForm extra = TwilioForm.parse(("To=%2B18005551212&Digits=1234&CallSid=CA1234567890ABCDE"
                + "&From=%2B14158675309&Caller=%2B14158675309&Body=x").getBytes(StandardCharsets.UTF_8));
        assertThat(TwilioSignature.matches(PUBLISHED, "12345", URL, extra)).isFalse();
        assertThat(TwilioSignature.matches(null, "12345", URL, published())).isFalse();
        assertThat(TwilioSignature.matches("", "12345", URL, published())).isFalse();
        assertThat(TwilioSignature.matches(PUBLISHED, "", URL, published())).isFalse();
    }

    @Test
    void theFormIsDecodedAsTwilioSignsIt() {
        TwilioForm form = TwilioForm.parse("Body=hi+there%2C+2%2B3%3D4&From=%2B1650&Empty=&Bare"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(form.value("Body")).isEqualTo("hi there, 2+3=4");
        assertThat(form.value("From")).isEqualTo("+1650");
        assertThat(form.value("Empty")).isEmpty();
        assertThat(form.value("Bare")).isEmpty();
        assertThat(form.sorted()).extracting(TwilioForm.Param::name).containsExactly("Bare", "Body", "Empty", "From");
        TwilioForm repeated = TwilioForm.parse("MediaUrl=b&A=1&MediaUrl=a".getBytes(StandardCharsets.UTF_8));
        assertThat(repeated.sorted()).isEqualTo(List.of(new TwilioForm.Param("A", "1"),
                new TwilioForm.Param("MediaUrl", "a"), new TwilioForm.Param("MediaUrl", "b")));
        assertThatThrownBy(() -> TwilioForm.parse("Body=%zz".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
