package io.switchboard.agent.api;

/**
 * The body of every refusal.
 *
 * @param error   a stable code the front end can switch on ({@code unknown_agent}, {@code offer_expired} …)
 * @param message what went wrong, for people
 */
public record ApiError(String error, String message) {
}
