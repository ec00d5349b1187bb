package io.switchboard.local.demo;

/** A file as an API served it: the {@code Content-Type} it came with, and its bytes. */
public record Download(String contentType, byte[] bytes) {
}
