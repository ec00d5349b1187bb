package io.switchboard.ingress.normalize;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.ingress.custom.CustomSourceNormalizer;
import io.switchboard.ingress.meta.MessagingNormalizer;
import io.switchboard.ingress.telegram.TelegramNormalizer;
import io.switchboard.ingress.twilio.SmsNormalizer;
import io.switchboard.ingress.whatsapp.WhatsAppNormalizer;

/**
 * The normalizer of each raw webhook channel ({@code sb_channel}): one set for the topology and the replay's
 * preview (replay.Replayer), so both judge a raw webhook alike.
 */
@ApplicationScoped
public class Normalizers {

    private final Map<String, ChannelNormalizer> byChannel;

    public Normalizers() {
        this(standard());
    }

    protected Normalizers(Map<String, ChannelNormalizer> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    public static Map<String, ChannelNormalizer> standard() {
        MessagingNormalizer messaging = new MessagingNormalizer();
        return Map.of(
                "whatsapp", new WhatsAppNormalizer(),
                "messenger", messaging,
                "instagram", messaging,
                "custom", new CustomSourceNormalizer(),
                "telegram", new TelegramNormalizer(),
                "sms", new SmsNormalizer());
    }

    public Map<String, ChannelNormalizer> byChannel() {
        return byChannel;
    }
}
