package io.switchboard.routing.queue;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * When a queue's agents work. Outside these hours its conversations wait without offers, and the customer gets
 * {@code outOfHoursReply} once per conversation.
 *
 * @param timeZone an IANA zone id ({@code Europe/Berlin}); the ranges are local times there
 * @param weekly   open ranges; a range over midnight is written as two ranges
 */
public record BusinessHours(String timeZone, List<Range> weekly, String outOfHoursReply) {

    public BusinessHours {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
    }

    /** Open from {@code from} (inclusive) to {@code to} (exclusive) on each of {@code days}. */
    public record Range(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(timeZone));
        LocalTime time = local.toLocalTime();
        return weekly.stream().anyMatch(range -> range.days().contains(local.getDayOfWeek())
                && !time.isBefore(range.from()) && time.isBefore(range.to()));
    }

    void validate() {
        if (timeZone == null) {
            throw new InvalidQueue("businessHours.timeZone is required");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidQueue("businessHours.timeZone " + timeZone + " is not a time zone: " + e.getMessage());
        }
        if (weekly.isEmpty()) {
            throw new InvalidQueue("businessHours.weekly needs at least one range");
        }
        for (Range range : weekly) {
            if (range.days() == null || range.days().isEmpty() || range.from() == null || range.to() == null) {
                throw new InvalidQueue("businessHours.weekly ranges need days, from and to");
            }
            if (!range.from().isBefore(range.to())) {
                throw new InvalidQueue("businessHours range " + range.from() + "-" + range.to()
                        + " must end after it starts (split a range over midnight in two)");
            }
        }
        if (outOfHoursReply == null || outOfHoursReply.isBlank()) {
            throw new InvalidQueue("businessHours.outOfHoursReply is required");
        }
    }
}
