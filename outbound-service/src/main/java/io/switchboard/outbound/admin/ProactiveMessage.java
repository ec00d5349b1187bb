package io.switchboard.outbound.admin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.events.ReplyContent;

/**
 * A template to send to a customer who may have no conversation yet.
 *
 * @param text never accepted: proactive contact is templates only (free text needs the customer's open window)
 */
@Schema(description = "An approved WhatsApp template to send to a customer, with or without a conversation")
public record ProactiveMessage(
        @Schema(description = "The WhatsApp phone number id the message is sent from", required = true,
                examples = "106540352242922") String channelAccountId,
        @Schema(required = true) Recipient recipient,
        @Schema(description = "Template name, language code (e.g. en_US) and parameters per component "
                + "(header, body, button with subType quick_reply or url and index)", required = true)
        ReplyContent.Template template,
        @Schema(description = "Refused with 400: proactive contact sends templates only", deprecated = true)
        String text) {

    /**
     * Who receives it: the phone number (international, digits, optional leading +) or, when the customer withheld
     * it, the business-scoped user id.
     */
    @Schema(description = "phone or bsuid; the phone is used when both are given")
    public record Recipient(@Schema(examples = "+15551234567") String phone,
            @Schema(examples = "US.13491208655302741918") String bsuid) {
    }
}
