package io.switchboard.outbound.window;

/** The messaging window of one conversation, as far as what may be sent is concerned. */
public enum WindowState {
    /** The customer wrote recently: anything may be sent. */
    OPEN,
    /** Still open, but ends within the configured warning time. */
    CLOSING,
    /** Messenger and Instagram, 24 h to 7 days after the customer's last message: only a human agent's reply, tagged. */
    HUMAN_AGENT_ONLY,
    /** Only a template (WhatsApp) may be sent; Messenger and Instagram must wait for the customer. */
    CLOSED;

    public boolean open() {
        return this == OPEN || this == CLOSING;
    }
}
