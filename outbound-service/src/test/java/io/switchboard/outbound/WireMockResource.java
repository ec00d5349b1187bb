package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for the channels' APIs: the Graph API (WhatsApp, Messenger, Instagram) and a custom
 * source's callback. Every test account's base URL points at it; tests stub answers and read what was sent.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String WHATSAPP_ACCOUNT = "106540352242922";
    /** A second business phone number: its conversations must not wait for the first one's throttling. */
    public static final String WHATSAPP_ACCOUNT_B = "113269274970227";
    /** A third one, limited to 10 messages per second in the test profile: the busy sender of the fairness test. */
    public static final String WHATSAPP_ACCOUNT_BUSY = "100000000000777";
    /** A fourth, whose token expires in the account-pause test. */
    public static final String WHATSAPP_ACCOUNT_EXPIRING = "100000000000888";
    public static final String MESSENGER_PAGE = "1049387362841023";
    public static final String INSTAGRAM_ACCOUNT = "17841405726653026";
    public static final String CUSTOM_SOURCE = "acme";
    /** A Telegram bot; its token is in the path of every Bot API call. */
    public static final String TELEGRAM_BOT = "7000000001";
    public static final String TELEGRAM_TOKEN = "7000000001:AAH-test_token";
    public static final String CUSTOM_CALLBACK_PATH = "/callbacks/acme";
    /** An SMS number (E.164 digits) of Twilio account {@link #TWILIO_ACCOUNT}, and a second one whose token is refused. */
    public static final String SMS_NUMBER = "16505551366";
    public static final String SMS_NUMBER_REVOKED = "16505551377";
    public static final String TWILIO_ACCOUNT = "AC0123456789abcdef0123456789abcdef";

    /** Marks the test's {@link WireMockServer} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWireMock {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = server.baseUrl();
        return Map.of(
                "switchboard.outbound.accounts." + SMS_NUMBER + ".base-url", base,
                "switchboard.outbound.accounts." + SMS_NUMBER_REVOKED + ".base-url", base,
                "switchboard.outbound.accounts." + WHATSAPP_ACCOUNT + ".base-url", base,
                "switchboard.outbound.accounts." + WHATSAPP_ACCOUNT_B + ".base-url", base,
                "switchboard.outbound.accounts." + WHATSAPP_ACCOUNT_BUSY + ".base-url", base,
                "switchboard.outbound.accounts." + WHATSAPP_ACCOUNT_EXPIRING + ".base-url", base,
                "switchboard.outbound.accounts." + MESSENGER_PAGE + ".base-url", base,
                "switchboard.outbound.accounts." + INSTAGRAM_ACCOUNT + ".base-url", base,
                "switchboard.outbound.accounts." + TELEGRAM_BOT + ".base-url", base,
                "switchboard.outbound.accounts." + CUSTOM_SOURCE + ".base-url", base + CUSTOM_CALLBACK_PATH);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
