package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order before the embedded fallback: a named URL first, then 127.0.0.1:5432. */
class PostgresFinderTest {

    private static final String URL = "SWITCHBOARD_DEV_INFRA_TEST_PG_URL";
    private static final Path NEVER = Path.of("target", "embedded-pg-never").toAbsolutePath();

    @AfterEach
    void clear() {
        System.clearProperty(URL);
        System.clearProperty("switchboard.dev.infra.test.pg.url");
    }

    @Test
    void aNamedUrlThatDoesNotAnswerIsAnErrorNotAFallback() {
        System.setProperty(URL, "postgresql://postgres@127.0.0.1:1/postgres");
        assertThatThrownBy(() -> PostgresFinder.find(URL, NEVER, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot connect to")
                .hasMessageContaining("given by " + URL);
    }

    @Test
    void aNamedUrlWinsAndIsLeftRunning() throws Exception {
        assumeTrue(PostgresFinder.accepts(PostgresFinder.LOCAL_HOST, PgServer.DEFAULT_PORT), "no PostgreSQL on 5432");
        // The dotted form, as -Dswitchboard...=... on a Maven command line.
        System.setProperty("switchboard.dev.infra.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        try (FoundPostgres found = PostgresFinder.find(URL, NEVER, false)) {
            assertThat(found.source()).isEqualTo(FoundPostgres.Source.URL);
            assertThat(found.source().startedHere()).isFalse();
        }
        assertThat(PostgresFinder.accepts(PostgresFinder.LOCAL_HOST, PgServer.DEFAULT_PORT)).isTrue();
    }

    @Test
    void withoutAUrlTheServerOn5432IsUsed() {
        assumeTrue(PostgresFinder.accepts(PostgresFinder.LOCAL_HOST, PgServer.DEFAULT_PORT), "no PostgreSQL on 5432");
        try (FoundPostgres found = PostgresFinder.find(URL, NEVER, false)) {
            assertThat(found.source()).isEqualTo(FoundPostgres.Source.LOCAL_PORT);
            assertThat(found.server().port()).isEqualTo(PgServer.DEFAULT_PORT);
            assertThat(found.toString()).contains("already running on 127.0.0.1:5432");
        }
    }

    @Test
    void parsesBothUrlForms() {
        assertThat(PgServer.parse("jdbc:postgresql://db.local:6543/admin?user=app&password=s%3Dcret", "test"))
                .isEqualTo(new PgServer("db.local", 6543, "app", "s=cret", "admin", "test"));
        assertThat(PgServer.parse("postgresql://app:pw@127.0.0.1/postgres", "test"))
                .isEqualTo(new PgServer("127.0.0.1", 5432, "app", "pw", "postgres", "test"));
        assertThat(PgServer.parse("postgres://[::1]:5433", "test"))
                .isEqualTo(new PgServer("::1", 5433, "postgres", "", "postgres", "test"));
        assertThat(new PgServer("::1", 5433, "u", "", "postgres", "t").reactiveUrl("x")).isEqualTo("postgresql://[::1]:5433/x");
        assertThatThrownBy(() -> PgServer.parse("mysql://localhost/x", "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a PostgreSQL URL");
    }
}
