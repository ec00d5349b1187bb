package io.switchboard.events;

/** An error a channel reported, with its own code (the stable key, never the HTTP status). */
public record ChannelError(int code, Integer subcode, String title, String message, String details, String href) {
}
