package io.briefaudio.worker.voices;

import io.briefaudio.shared.voices.VoicePreparations;
import io.briefaudio.shared.voices.VoicePreparations.Claimed;
import io.briefaudio.shared.voices.VoicePreparations.Outcome;
import io.briefaudio.shared.voices.VoicePreset;
import io.briefaudio.shared.voices.WorkerEngines;
import io.briefaudio.worker.jobs.Backoff;
import io.briefaudio.worker.tts.SpeechEngine;
import io.briefaudio.worker.tts.SynthesisException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A worker's voice preparation loop on its own thread: records the engine (its routing key), its voices and whether
 * it can clone (the heartbeat the API reads: GET /api/voices, a job's waiting_for_engine), reaps expired preparation leases, and, when the engine can clone, claims preparation tasks one
 * at a time and computes the voice's embeddings. A preparation takes seconds, well inside the lease, so the lease
 * is not extended while it runs; a crashed worker's task is reaped and retried.
 */
public class VoicePreparer {

    private static final Logger LOG = Logger.getLogger(VoicePreparer.class);
    private static final Duration ENGINE_HEARTBEAT = Duration.ofSeconds(30);

    private final String workerId;
    private final VoiceEmbeddings embeddings;
    private final DataSource dataSource;
    private final Duration lease;
    private final Duration poll;
    private final Backoff backoff;
    private final boolean prepare;
    private final ScheduledExecutorService loop;
    private volatile long lastHeartbeatNanos = Long.MIN_VALUE / 2;

    public VoicePreparer(String workerId, VoiceEmbeddings embeddings, DataSource dataSource, Duration lease,
                         Duration poll, Backoff backoff) {
        this(workerId, embeddings, dataSource, lease, poll, backoff, true);
    }

    /** @param prepare whether this worker claims preparations (briefaudio.voices.prepare); it heart-beats either way */
    public VoicePreparer(String workerId, VoiceEmbeddings embeddings, DataSource dataSource, Duration lease,
                         Duration poll, Backoff backoff, boolean prepare) {
        this.prepare = prepare;
        this.workerId = workerId;
        this.embeddings = embeddings;
        this.dataSource = dataSource;
        this.lease = lease;
        this.poll = poll;
        this.backoff = backoff;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "worker-voices-" + workerId);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        loop.scheduleWithFixedDelay(this::tick, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        loop.shutdownNow();
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.remove(c, workerId);
        } catch (SQLException e) {
            LOG.warnf("Could not remove worker %s from worker_engine: %s", workerId, e.getMessage());
        }
    }

    void tick() {
        try {
            heartbeat();
            try (Connection c = dataSource.getConnection()) {
                for (String voice : VoicePreparations.reapExpired(c)) {
                    LOG.warnf("Reaped the preparation of voice %s (lease expired)", voice);
                }
            }
            if (prepare && embeddings.engine().canClone()) {
                while (!Thread.currentThread().isInterrupted() && prepareOne()) {
                    // keep going while there is work
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Voice preparation loop: %s", e.getMessage());
        }
    }

    /** Claims and prepares one voice; false when nothing was runnable. */
    boolean prepareOne() throws SQLException {
        Optional<Claimed> claimed;
        try (Connection c = dataSource.getConnection()) {
            claimed = VoicePreparations.claim(c, workerId, lease);
        }
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed task = claimed.get();
        Outcome outcome;
        String error = null;
        try {
            embeddings.compute(task.voiceId(), task.clipKey());
            try (Connection c = dataSource.getConnection()) {
                outcome = VoicePreparations.complete(c, task);
            }
        } catch (SynthesisException e) {
            error = e.getMessage();
            outcome = fail(task, error, e.isPermanent());
        } catch (SQLException | RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            outcome = fail(task, error, false);
        }
        LOG.infof("Voice %s preparation (attempt %d): %s%s", task.voiceId(), task.attempt(), outcome,
                error == null ? "" : " — " + error);
        return true;
    }

    private Outcome fail(Claimed task, String error, boolean permanent) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return VoicePreparations.fail(c, task, error, permanent, backoff.nominalDelay(task.attempt()));
        }
    }

    private void heartbeat() throws SQLException {
        long now = System.nanoTime();
        if (now - lastHeartbeatNanos < ENGINE_HEARTBEAT.toNanos()) {
            return;
        }
        SpeechEngine engine = embeddings.engine();
        try (Connection c = dataSource.getConnection()) {
            WorkerEngines.heartbeat(c, new WorkerEngines.Engine(workerId, engine.engine().id(), engine.modelVersion(),
                    engine.canClone(), VoicePreset.ids(), engine.voices(), engine.license()));
        }
        lastHeartbeatNanos = now;
    }
}
