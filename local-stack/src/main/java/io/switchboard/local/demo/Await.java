package io.switchboard.local.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Polls until something has happened; on timeout, says what was awaited and what was last seen. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Callable<Optional<T>> check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = check.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
            }
            Thread.sleep(200);
        }
    }
}
