package io.switchboard.agent.directory;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.switchboard.messaging.http.Bounded;

/**
 * What supervisors and admins set on an agent.
 *
 * @param id          on create: the id the identity provider's tokens carry (generated when absent); on update it
 *                    must be absent or equal the path's
 * @param languages   BCP 47 tags
 * @param capacity    channel wire name ({@code whatsapp}, {@code messenger}, {@code instagram}, {@code custom},
 *                    {@code telegram}, {@code sms}) to
 *                    the most conversations at once; an absent channel takes none
 */
public record AgentProfile(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,127}",
                message = "must be 1-128 letters, digits, '.', '_', '@' or '-'") String id,
        @NotBlank @Bounded(max = 200) String displayName,
        @NotNull @Size(max = 20) List<@NotNull @Bounded(max = 35) @Pattern(regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*",
                message = "must be a BCP 47 language tag such as en or es-MX") String> languages,
        @NotNull @Size(max = 100) List<@NotNull @Valid SkillLevel> skills,
        @NotNull @Size(max = 10) Map<@NotBlank @Bounded(max = 32) String, @NotNull @Min(0) @Max(100) Integer> capacity) {
}
