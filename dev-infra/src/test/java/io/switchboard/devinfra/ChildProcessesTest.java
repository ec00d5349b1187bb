package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ChildProcessesTest {

    @Test
    void aProcessThatHearsSigtermStopsWithoutBeingKilled() throws Exception {
        Process process = new ProcessBuilder("sleep", "60").start();
        AtomicBoolean killed = new AtomicBoolean();

        ChildProcesses.stop(process.toHandle(), 10, () -> killed.set(true));

        assertThat(process.isAlive()).isFalse();
        assertThat(killed).isFalse();
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        // An ignored signal stays ignored across exec: sleep itself ignores SIGTERM.
        Process process = new ProcessBuilder("sh", "-c", "trap '' TERM; exec sleep 60").start();
        Thread.sleep(300);
        AtomicBoolean killed = new AtomicBoolean();

        ChildProcesses.stop(process.toHandle(), 1, () -> killed.set(true));

        assertThat(process.isAlive()).isFalse();
        assertThat(killed).isTrue();
    }
}
