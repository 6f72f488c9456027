package io.briefaudio.worker.jobs;

import io.briefaudio.worker.episodes.EpisodeAssembler;
import io.briefaudio.worker.jobs.EpisodeQueue.ClaimedEpisode;
import io.briefaudio.worker.tracing.JobSpans;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One replica's loop: claim as many items as it has free slots, synthesize them on its own threads,
 * keep their leases alive, reap the expired leases of crashed replicas, and on stop hand back what it
 * could not finish. No transaction is open while an item is synthesized.
 */
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    /**
     * How this replica runs; {@link #from(WorkerConfig, String)} reads it from configuration. Items and episodes
     * have separate lanes: {@code concurrency} item slots and {@code episodeConcurrency} episode slots.
     */
    public record Settings(String id, int concurrency, int episodeConcurrency, Duration lease, Duration pollInterval,
                           Duration reapInterval) {
        public Settings {
            if (concurrency < 1 || episodeConcurrency < 0) {
                throw new IllegalArgumentException("concurrency must be at least 1 and episode-concurrency at least 0");
            }
        }

        /** One episode slot beside the item slots. */
        public Settings(String id, int concurrency, Duration lease, Duration pollInterval, Duration reapInterval) {
            this(id, concurrency, 1, lease, pollInterval, reapInterval);
        }

        public static Settings from(WorkerConfig config, String id) {
            return new Settings(id, config.concurrency(), config.episodeConcurrency(), config.lease(),
                    config.pollInterval(), config.reapInterval());
        }
    }

    /** An item or an episode this replica works on, under its lease token. */
    private static final class InFlight {
        final String what;
        final boolean episode;
        final FutureTask<Void> task;
        volatile boolean finished;
        volatile boolean abandoned;

        InFlight(String what, boolean episode, FutureTask<Void> task) {
            this.what = what;
            this.episode = episode;
            this.task = task;
        }
    }

    /** The episode side: its queue and how episodes are built. Absent, this replica only claims items. */
    public record Episodes(EpisodeQueue queue, EpisodeAssembler assembler) {
    }

    private final Settings settings;
    private final ItemQueue queue;
    private final ItemProcessor processor;
    private final WakeupListener listener;
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final ExecutorService slots;
    /** The episode lane: its own threads, so a long episode never holds an item slot. Null without episodes. */
    private final ExecutorService episodeSlots;
    private final ScheduledExecutorService housekeeping;
    private final Thread dispatcher;
    private final Thread listenerThread;
    private final WorkerMetrics metrics;
    private final Episodes episodes;
    private final Attempts attempts;
    private final JobSpans spans;
    private volatile boolean claiming;
    private volatile boolean heartbeatHealthy = true;

    public Worker(Settings settings, ItemQueue queue, ItemProcessor processor, MeterRegistry registry,
                  String jdbcUrl, String user, String password) {
        this(settings, queue, processor, null, registry, jdbcUrl, user, password);
    }

    public Worker(Settings settings, ItemQueue queue, ItemProcessor processor, Episodes episodes,
                  MeterRegistry registry, String jdbcUrl, String user, String password) {
        this(settings, queue, processor, episodes, registry, jdbcUrl, user, password, JobSpans.OFF);
    }

    /** {@code spans}: each claimed item's and episode's work in the trace of the call that created its job. */
    public Worker(Settings settings, ItemQueue queue, ItemProcessor processor, Episodes episodes,
                  MeterRegistry registry, String jdbcUrl, String user, String password, JobSpans spans) {
        this.settings = settings;
        this.spans = spans;
        this.queue = queue;
        this.processor = processor;
        this.episodes = episodes;
        this.metrics = new WorkerMetrics(registry, inFlight::size, processor.engineName());
        this.slots = Executors.newFixedThreadPool(settings.concurrency(), named("synth"));
        this.episodeSlots = episodes == null || settings.episodeConcurrency() == 0 ? null
                : Executors.newFixedThreadPool(settings.episodeConcurrency(), named("episode"));
        this.housekeeping = Executors.newScheduledThreadPool(1, named("housekeeping"));
        AttemptOutcomes outcomes = new AttemptOutcomes(metrics, settings.lease(), () -> !housekeeping.isShutdown());
        this.attempts = new Attempts(queue, processor, episodes, metrics, outcomes, settings.id());
        this.listener = new WakeupListener(jdbcUrl, user, password, this::wake);
        this.dispatcher = named("dispatch").newThread(this::dispatch);
        this.listenerThread = named("listen").newThread(listener);
    }

    public String id() {
        return settings.id();
    }

    /** Ready while claiming and while heartbeats reach the database. */
    public boolean isHealthy() {
        return claiming && heartbeatHealthy;
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    public void start() {
        claiming = true;
        listenerThread.start();
        dispatcher.start();
        long heartbeatMillis = Math.max(1, settings.lease().toMillis() / 3);
        housekeeping.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        long reapMillis = settings.reapInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::reap, reapMillis / 2, reapMillis, TimeUnit.MILLISECONDS);
        LOG.infof("Worker %s started: %d item slot(s), %d episode slot(s), lease %s", settings.id(),
                settings.concurrency(), episodeSlots == null ? 0 : settings.episodeConcurrency(), settings.lease());
    }

    /**
     * Stops claiming, lets in-flight items finish within {@code grace}, then releases the rest to the
     * queue without charging their attempt.
     */
    public void stop(Duration grace) {
        if (!claiming) {
            return;
        }
        claiming = false;
        listener.stop();
        dispatcher.interrupt();
        join(dispatcher);
        join(listenerThread);
        slots.shutdown();
        if (episodeSlots != null) {
            episodeSlots.shutdown();
        }
        LOG.infof("Worker %s stopping: waiting up to %s for %d item(s) and episode(s)", settings.id(), grace, inFlight.size());
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            boolean itemsDone = slots.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            boolean episodesDone = episodeSlots == null
                    || episodeSlots.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!itemsDone || !episodesDone) {
                Set<UUID> itemTokens = new HashSet<>();
                Set<UUID> episodeTokens = new HashSet<>();
                inFlight.forEach((token, running) -> {
                    running.abandoned = true;
                    running.task.cancel(true);
                    (running.episode ? episodeTokens : itemTokens).add(token);
                });
                int released = queue.release(itemTokens) + (episodes == null ? 0 : episodes.queue().release(episodeTokens));
                metrics.released.increment(released);
                LOG.infof("Worker %s released %d unfinished item(s) to the queue", settings.id(), released);
                slots.awaitTermination(5, TimeUnit.SECONDS);
                if (episodeSlots != null) {
                    episodeSlots.awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.errorf(e, "Worker %s could not release its items; their leases will expire and be reaped", settings.id());
        } finally {
            housekeeping.shutdownNow();
        }
        LOG.infof("Worker %s stopped", settings.id());
    }

    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    private void dispatch() {
        while (claiming) {
            int freeItems = settings.concurrency() - running(false);
            int freeEpisodes = episodeSlots == null ? 0 : settings.episodeConcurrency() - running(true);
            if ((freeItems > 0 || freeEpisodes > 0) && heartbeatHealthy) {
                try {
                    // Two lanes, claimed independently: an episode being assembled never keeps an item waiting.
                    Instant episodeClaim = Instant.now();
                    List<ClaimedEpisode> claimedEpisodes = freeEpisodes <= 0 ? List.of()
                            : episodes.queue().claim(freeEpisodes, settings.id(), settings.lease());
                    Instant itemClaim = Instant.now();
                    claimedEpisodes.forEach(episode -> startEpisode(episode, episodeClaim, itemClaim));
                    List<ClaimedItem> items = freeItems <= 0 ? List.of()
                            : queue.claim(freeItems, settings.id(), settings.lease());
                    Instant claimed = Instant.now();
                    items.forEach(item -> startItem(item, itemClaim, claimed));
                    if (freeItems > 0 && items.size() == freeItems
                            || freeEpisodes > 0 && claimedEpisodes.size() == freeEpisodes) {
                        continue; // a lane was filled: there may be more to claim once a slot frees
                    }
                } catch (SQLException e) {
                    LOG.warnf("Worker %s could not claim items: %s", settings.id(), e.getMessage());
                }
            }
            try {
                wakeups.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Items (or episodes) in flight: each lane counts only its own. */
    private int running(boolean episode) {
        int count = 0;
        for (InFlight running : inFlight.values()) {
            if (running.episode == episode) {
                count++;
            }
        }
        return count;
    }

    /** Starts the item's attempt; {@code claimStarted} to {@code claimEnded} is the claim statement (for its span). */
    private void startItem(ClaimedItem item, Instant claimStarted, Instant claimEnded) {
        metrics.claimed.increment();
        metrics.pickupLatency.record(Duration.ofNanos((long) (item.pickupSeconds() * 1e9)));
        start(item.leaseToken(), "item " + item.itemId(), false, running -> spans.item(item, claimStarted, claimEnded,
                () -> attempts.item(item, () -> running.abandoned)));
    }

    private void startEpisode(ClaimedEpisode episode, Instant claimStarted, Instant claimEnded) {
        start(episode.leaseToken(), "episode of job " + episode.jobId(), true, running -> spans.episode(episode,
                claimStarted, claimEnded, () -> attempts.episode(episode, () -> running.abandoned)));
    }

    /** Runs the attempt in a slot of its lane; when it ends, however, the slot is free again and the dispatcher woken. */
    private void start(UUID token, String what, boolean episode, Consumer<InFlight> attempt) {
        InFlight[] self = new InFlight[1];
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                attempt.accept(self[0]);
            } catch (RuntimeException | Error e) {
                // A FutureTask keeps what it throws to itself; the lease expires and the reaper retries.
                LOG.errorf(e, "Worker %s: %s failed outside its attempt", settings.id(), what);
                throw e;
            } finally {
                self[0].finished = true;
                inFlight.remove(token);
                wake();
            }
            return null;
        });
        self[0] = new InFlight(what, episode, task);
        inFlight.put(token, self[0]);
        (episode ? episodeSlots : slots).execute(task);
    }

    private void heartbeat() {
        Set<UUID> tokens = new HashSet<>(inFlight.keySet());
        if (tokens.isEmpty()) {
            heartbeatHealthy = true;
            return;
        }
        Set<UUID> episodeTokens = new HashSet<>();
        inFlight.forEach((token, running) -> {
            if (running.episode) {
                episodeTokens.add(token);
            }
        });
        Set<UUID> itemTokens = new HashSet<>(tokens);
        itemTokens.removeAll(episodeTokens);
        try {
            Set<UUID> held = new HashSet<>(queue.heartbeat(itemTokens, settings.lease()));
            if (episodes != null) {
                held.addAll(episodes.queue().heartbeat(episodeTokens, settings.lease()));
            }
            heartbeatHealthy = true;
            for (UUID token : tokens) {
                InFlight running = inFlight.get(token);
                if (!held.contains(token) && running != null && !running.finished) {
                    LOG.warnf("Worker %s lost the lease of %s (job cancelled or lease reaped); stopping it",
                            settings.id(), running.what);
                    running.task.cancel(true);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (heartbeatHealthy) {
                LOG.errorf("Worker %s heartbeat failed (%s): claiming paused until it succeeds", settings.id(), e.getMessage());
            }
            heartbeatHealthy = false;
        }
    }

    private void reap() {
        try {
            for (ItemQueue.Reaped reaped : queue.reapExpired(100)) {
                metrics.reaped.increment();
                LOG.warnf("Reaped item %d of job %d from worker %s: now %s",
                        reaped.itemId(), reaped.jobId(), reaped.previousOwner(), reaped.state());
            }
            for (ItemQueue.Reaped reaped : episodes == null ? List.<ItemQueue.Reaped>of() : episodes.queue().reapExpired(100)) {
                metrics.reaped.increment();
                LOG.warnf("Reaped the episode of job %d from worker %s: now %s",
                        reaped.jobId(), reaped.previousOwner(), reaped.state());
            }
            metrics.queueDepth(queue.queueDepth());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Worker %s could not reap expired leases: %s", settings.id(), e.getMessage());
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private java.util.concurrent.ThreadFactory named(String role) {
        return runnable -> {
            Thread thread = new Thread(runnable, "worker-" + role + "-" + settings.id());
            thread.setDaemon(true);
            return thread;
        };
    }
}
