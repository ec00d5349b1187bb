package io.switchboard.outbound.delivery;

/** The sender's partition went to another instance before the command's next step: that instance carries it on. */
public class SenderMovedException extends RuntimeException {

    public SenderMovedException(String sender) {
        super("sender " + sender + " moved to another instance", null, false, false);
    }
}
