package io.switchboard.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.switchboard.outbound.channel.custom.CustomSourceSender;

class CustomSourceSignatureTest {

    @Test
    void matchesTheProtocolsPublishedVector() {
        // docs/custom-source.md §7.2.
        String body = "{\"type\":\"message\",\"message_id\":\"sbm_2f9d1c7a\",\"created_at\":\"2026-09-12T08:01:10Z\","
                + "\"account_id\":\"store-eu\",\"conversation\":{\"external_id\":\"conv_8812\"},"
                + "\"user\":{\"external_id\":\"cust_42\"},\"agent\":{\"id\":\"agent_17\",\"display_name\":\"Grace H.\"},"
                + "\"message\":{\"text\":\"It ships tomorrow. Tracking: https://track.example/ZX81\","
                + "\"reply_to\":\"msg_7781\"}}";
        assertThat(body).hasSize(333);
        assertThat(CustomSourceSender.sign("sk_test_5f2b9c1e", "1789200070", body))
                .isEqualTo("sha256=c997b1c7d4d6266a17429ef6f0f91e8588308fb71c316e983c0401ee5552373d");
    }
}
