package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.switchboard.messaging.consume.FailureKind;
import io.switchboard.messaging.consume.Failures;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.vertx.pgclient.PgException;

class FailuresTest {

    @Test
    void theDatabaseRefusingTheDataIsTheRecordsFault() {
        // 22021: a NUL byte in text; 22001: too long for the column; 23505: a unique violation.
        for (String state : new String[] { "22021", "22001", "23505", "23502" }) {
            assertThat(Failures.classify(wrapped(new PgException("refused", "ERROR", state, "detail"))))
                    .as(state).isEqualTo(FailureKind.POISON);
        }
    }

    @Test
    void theDatabaseBeingAwayOrInConflictIsTheInfrastructures() {
        // 08006 connection failure, 57P01 admin shutdown, 53300 too many connections, 40001/40P01 conflicts.
        for (String state : new String[] { "08006", "57P01", "53300", "40001", "40P01" }) {
            assertThat(Failures.classify(wrapped(new PgException("away", "FATAL", state, "detail"))))
                    .as(state).isEqualTo(FailureKind.INFRASTRUCTURE);
        }
        assertThat(Failures.classify(wrapped(new ConnectException("Connection refused"))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(Failures.classify(new io.smallrye.mutiny.TimeoutException()))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(Failures.classify(new TimeoutException("Topic not present in metadata")))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void unreadableOrInvalidRecordsArePoison() {
        assertThat(Failures.classify(new UncheckedIOException(new JsonParseException(null, "Unexpected character"))))
                .isEqualTo(FailureKind.POISON);
        assertThat(Failures.classify(new PoisonRecordException("conversationKey longer than 200 characters")))
                .isEqualTo(FailureKind.POISON);
        assertThat(Failures.classify(new RecordTooLargeException("too large"))).isEqualTo(FailureKind.POISON);
        assertThat(Failures.classify(new IllegalArgumentException("unknown channel"))).isEqualTo(FailureKind.POISON);
    }

    @Test
    void anUncheckedIoExceptionIsDecidedByItsCause() {
        assertThat(Failures.classify(new UncheckedIOException(new IOException("Broken pipe"))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void whatNobodyRecognisesIsUnexpected() {
        assertThat(Failures.classify(new IllegalStateException("a bug"))).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(Failures.classify(new UnsupportedOperationException())).isEqualTo(FailureKind.UNEXPECTED);
    }

    private static RuntimeException wrapped(Throwable cause) {
        return new CompletionException(new RuntimeException("while applying", cause));
    }
}
