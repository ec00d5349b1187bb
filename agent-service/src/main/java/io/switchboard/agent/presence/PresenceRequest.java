package io.switchboard.agent.presence;

import jakarta.validation.constraints.NotBlank;

import io.switchboard.messaging.http.Bounded;

/**
 * What an agent sets.
 *
 * @param presence {@code available}, {@code away} or {@code offline} ({@code wrap_up} is Switchboard's to set)
 * @param reason   why the agent is away ({@code break}, {@code lunch}); required with {@code away}
 */
public record PresenceRequest(@NotBlank @Bounded(max = 32) String presence, @Bounded(max = 100) String reason) {
}
