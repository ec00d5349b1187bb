package io.switchboard.ingress.replay;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What to replay: the raw webhooks received in [{@code from}, {@code to}), optionally of one channel and one
 * channel account, and optionally those the ingress dead-letter topic received in the range too.
 */
@Schema(description = "A time range of the raw archive to normalize again", examples = """
        {"from": "2026-12-03T08:00:00Z", "to": "2026-12-03T12:00:00Z", "channel": "custom", "account": "acme-shop",
         "includeDeadLetters": true}""")
public record ReplayRequest(
        @NotNull @Schema(description = "Start of the range (inclusive), ISO-8601 instant; within the dedupe horizon",
                examples = "2026-12-03T08:00:00Z") Instant from,
        @NotNull @Schema(description = "End of the range (exclusive), ISO-8601 instant", examples = "2026-12-03T12:00:00Z")
        Instant to,
        @Size(min = 1, max = 32) @Schema(description = "Only this channel: whatsapp, messenger, instagram or custom",
                examples = "custom") String channel,
        @Size(min = 1, max = 200) @Schema(description = "Only webhooks about this channel account (WhatsApp phone"
                + " number id, page id, Instagram account id, custom source id)", examples = "acme-shop") String account,
        @Schema(description = "Also the raw webhooks named by dead letters received in the range",
                defaultValue = "false") Boolean includeDeadLetters) {

    boolean deadLetters() {
        return Boolean.TRUE.equals(includeDeadLetters);
    }
}
