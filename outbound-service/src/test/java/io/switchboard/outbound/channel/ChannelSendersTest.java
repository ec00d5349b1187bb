package io.switchboard.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.outbound.channel.custom.CustomSourceSender;
import io.switchboard.outbound.channel.messenger.MessengerSender;
import io.switchboard.outbound.channel.telegram.TelegramSender;
import io.switchboard.outbound.channel.sms.SmsSender;
import io.switchboard.outbound.channel.whatsapp.WhatsAppSender;

/** The channel-to-sender map is complete at start, or the start fails. */
class ChannelSendersTest {

    @Test
    void everyChannelOfTheContractHasItsSender() {
        WhatsAppSender whatsApp = new WhatsAppSender(null);
        MessengerSender messenger = new MessengerSender(null);
        CustomSourceSender custom = new CustomSourceSender(null, null);
        TelegramSender telegram = new TelegramSender(null);
        SmsSender sms = new SmsSender(null);
        ChannelSenders senders = new ChannelSenders(List.of(whatsApp, messenger, custom, telegram, sms));

        assertThat(senders.of(Channel.WHATSAPP)).isSameAs(whatsApp);
        assertThat(senders.of(Channel.MESSENGER)).isSameAs(messenger);
        assertThat(senders.of(Channel.INSTAGRAM)).isSameAs(messenger);
        assertThat(senders.of(Channel.CUSTOM)).isSameAs(custom);
        assertThat(senders.of(Channel.TELEGRAM)).isSameAs(telegram);
        assertThat(senders.of(Channel.SMS)).isSameAs(sms);
    }

    @Test
    void aChannelWithoutASenderFailsTheStart() {
        assertThatThrownBy(() -> new ChannelSenders(List.of(new WhatsAppSender(null), new MessengerSender(null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("custom");
    }

    @Test
    void twoSendersForOneChannelFailTheStart() {
        assertThatThrownBy(() -> new ChannelSenders(List.of(new WhatsAppSender(null), new WhatsAppSender(null),
                new MessengerSender(null), new CustomSourceSender(null, null))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("whatsapp");
    }
}
