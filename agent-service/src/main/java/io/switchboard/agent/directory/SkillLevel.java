package io.switchboard.agent.directory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One skill of an agent.
 *
 * @param skill       the id routing rules name ({@code billing}, {@code returns})
 * @param proficiency 1 (novice) to 5 (expert)
 */
public record SkillLevel(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,63}",
                message = "must be 1-64 lowercase letters, digits, '_', '.' or '-'") String skill,
        @NotNull @Min(1) @Max(5) Integer proficiency) {
}
