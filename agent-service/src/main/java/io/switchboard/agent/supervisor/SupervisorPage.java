package io.switchboard.agent.supervisor;

import java.util.List;

/**
 * One page of a supervisor listing; {@code nextCursor} is passed as {@code cursor} for the next page, absent on the
 * last one.
 */
public record SupervisorPage<T>(List<T> items, String nextCursor) {
}
