package io.switchboard.outbound.channel;

/** What to do after a channel error, by the channel's error code. */
public enum Handling {
    /** Transient: send the same request again with exponential back-off. */
    RETRY,
    /** Transient only sometimes (an unknown error): retry a few times, then give up. */
    RETRY_FEW,
    /** A rate limit of the app, account or Page, or maintenance: retry after a long back-off. */
    THROTTLED,
    /** WhatsApp's pair rate limit: retry this recipient later (4^n s); other conversations are unaffected. */
    PAIR_THROTTLED,
    /** The same request will fail again. */
    PERMANENT
}
