package io.switchboard.outbound.channel;

/**
 * How a command may be sent, as the messaging window decided.
 *
 * @param humanAgentTag Messenger and Instagram: outside the standard window, send as {@code MESSAGE_TAG} with tag
 *                      {@code HUMAN_AGENT}; otherwise {@code messaging_type} is {@code RESPONSE}
 */
public record SendPolicy(boolean humanAgentTag) {

    public static final SendPolicy RESPONSE = new SendPolicy(false);
    public static final SendPolicy HUMAN_AGENT = new SendPolicy(true);
}
