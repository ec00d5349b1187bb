package io.switchboard.agent.erasure;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.Channel;
import io.switchboard.messaging.http.Bounded;

/**
 * The body of {@code POST /admin/erasures}: every identity of the customer to erase.
 *
 * @param identities the user parts of the customer's conversation keys, with their channel where known
 */
@Schema(example = """
        {"identities": [{"channel": "whatsapp", "id": "16505551234"}, {"id": "psid-4711"}]}""")
public record ErasureRequest(
        @NotEmpty @Size(max = ErasureRequest.MAX_IDENTITIES) List<@NotNull @Valid Identity> identities) {

    /** The most identities one request may name. */
    public static final int MAX_IDENTITIES = 20;

    /**
     * One identity: a phone number's digits, a BSUID, a PSID or IGSID, a custom source's external id.
     *
     * @param channel the channel it belongs to; absent: every channel
     */
    public record Identity(Channel channel, @NotBlank @Bounded String id) {
    }
}
