package io.switchboard.ingress.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Topics;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.normalize.Normalizers;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.kafka.KafkaClientProperties;

/**
 * Starts replays one at a time, on a thread of their own, and keeps their statuses in this replica's memory (ingress
 * owns no database): a status is lost with the replica, and a replay cut short is simply run again, since running
 * one twice publishes nothing twice.
 */
@ApplicationScoped
public class Replays {

    static final Set<String> CHANNELS = Set.of("whatsapp", "messenger", "instagram", "custom");

    private final IngressConfig config;
    private final Normalizers normalizers;
    private final PublishedEvents published;
    private final KafkaClientProperties kafka;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ingress-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Progress> replays = new LinkedHashMap<>();

    public Replays(IngressConfig config, Normalizers normalizers, PublishedEvents published,
            KafkaClientProperties kafka) {
        this.config = config;
        this.normalizers = normalizers;
        this.published = published;
        this.kafka = kafka;
    }

    /** Checks the request and starts it; 400 for a range it cannot replay safely, 409 while another one runs. */
    public synchronized ReplayStatus start(ReplayRequest request) {
        check(request, Instant.now());
        if (replays.values().stream().anyMatch(Progress::running)) {
            throw ApiException.conflict("replay_running", "another replay is running; wait for it to finish");
        }
        Progress progress = new Progress(UUID.randomUUID().toString(), request, Instant.now());
        replays.put(progress.id(), progress);
        forgetOld();
        worker.submit(new Replayer(progress, normalizers.byChannel(), published, kafka, Topics.RAW_WEBHOOKS,
                Topics.INGRESS_DEAD_LETTER));
        return progress.status();
    }

    public synchronized Optional<ReplayStatus> status(String id) {
        return Optional.ofNullable(replays.get(id)).map(Progress::status);
    }

    void check(ReplayRequest request, Instant now) {
        if (!request.from().isBefore(request.to())) {
            throw ApiException.badRequest("invalid_range", "from must be before to");
        }
        Duration span = Duration.between(request.from(), request.to());
        if (span.compareTo(config.replay().maxSpan()) > 0) {
            throw ApiException.badRequest("range_too_long", "a replay covers at most " + config.replay().maxSpan()
                    + "; this one covers " + span);
        }
        if (request.to().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ApiException.badRequest("invalid_range", "to is in the future");
        }
        // What was published is known by event id for the dedupe horizon only: older, a replay could publish twice.
        Instant earliest = now.minus(config.dedupeHorizon()).plus(config.replay().horizonMargin());
        if (request.from().isBefore(earliest)) {
            throw ApiException.badRequest("beyond_dedupe_horizon", "from must be after " + earliest + ": the"
                    + " normalization remembers published event ids for " + config.dedupeHorizon()
                    + " (switchboard.ingress.dedupe-horizon), so an older webhook's events could be published twice");
        }
        if (request.channel() != null && !CHANNELS.contains(request.channel())) {
            throw ApiException.badRequest("unknown_channel", "channel must be one of " + CHANNELS);
        }
    }

    private void forgetOld() {
        long finished = replays.values().stream().filter(p -> !p.running()).count();
        var iterator = replays.values().iterator();
        while (finished > config.replay().keepFinished() && iterator.hasNext()) {
            if (!iterator.next().running()) {
                iterator.remove();
                finished--;
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
