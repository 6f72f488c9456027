package io.briefaudio.worker.jobs;

import io.briefaudio.shared.storage.StorageException;
import io.briefaudio.worker.jobs.ItemQueue.Outcome;
import io.briefaudio.worker.tts.SynthesisException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
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
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One replica's loop: claim as many items as it has free slots, synthesize them on its own threads,
 * keep their leases alive, reap the expired leases of crashed replicas, and on stop hand back what it
 * could not finish. No transaction is open while an item is synthesized.
 */
public class Worker {

    private static final Logger LOG = Logger.getLogger(Worker.class);

    /** How this replica runs; {@link #from(WorkerConfig)} reads it from configuration. */
    public record Settings(String id, int concurrency, Duration lease, Duration pollInterval, Duration reapInterval) {
        public static Settings from(WorkerConfig config, String id) {
            return new Settings(id, config.concurrency(), config.lease(), config.pollInterval(), config.reapInterval());
        }
    }

    private static final class InFlight {
        final ClaimedItem item;
        final FutureTask<Void> task;
        volatile boolean finished;
        volatile boolean abandoned;

        InFlight(ClaimedItem item, FutureTask<Void> task) {
            this.item = item;
            this.task = task;
        }
    }

    private final Settings settings;
    private final ItemQueue queue;
    private final ItemProcessor processor;
    private final WakeupListener listener;
    private final Map<UUID, InFlight> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final ExecutorService slots;
    private final ScheduledExecutorService housekeeping;
    private final Thread dispatcher;
    private final Thread listenerThread;
    private final WorkerMetrics metrics;
    private final AttemptOutcomes outcomes;
    private volatile boolean claiming;
    private volatile boolean heartbeatHealthy = true;

    public Worker(Settings settings, ItemQueue queue, ItemProcessor processor, MeterRegistry registry,
                  String jdbcUrl, String user, String password) {
        this.settings = settings;
        this.queue = queue;
        this.processor = processor;
        this.metrics = new WorkerMetrics(registry, inFlight::size);
        this.slots = Executors.newFixedThreadPool(settings.concurrency(), named("synth"));
        this.housekeeping = Executors.newScheduledThreadPool(1, named("housekeeping"));
        this.outcomes = new AttemptOutcomes(metrics, settings.lease(), () -> !housekeeping.isShutdown());
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
        LOG.infof("Worker %s started: %d slot(s), lease %s", settings.id(), settings.concurrency(), settings.lease());
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
        LOG.infof("Worker %s stopping: waiting up to %s for %d item(s)", settings.id(), grace, inFlight.size());
        try {
            if (!slots.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                Set<UUID> tokens = new HashSet<>();
                inFlight.forEach((token, running) -> {
                    running.abandoned = true;
                    running.task.cancel(true);
                    tokens.add(token);
                });
                int released = queue.release(tokens);
                metrics.released.increment(released);
                LOG.infof("Worker %s released %d unfinished item(s) to the queue", settings.id(), released);
                slots.awaitTermination(5, TimeUnit.SECONDS);
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
            int free = settings.concurrency() - inFlight.size();
            if (free > 0 && heartbeatHealthy) {
                try {
                    List<ClaimedItem> items = queue.claim(free, settings.id(), settings.lease());
                    items.forEach(this::startItem);
                    if (items.size() == free) {
                        continue;
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

    private void startItem(ClaimedItem item) {
        metrics.claimed.increment();
        metrics.pickupLatency.record(Duration.ofNanos((long) (item.pickupSeconds() * 1e9)));
        InFlight[] self = new InFlight[1];
        FutureTask<Void> task = new FutureTask<>(() -> {
            runItem(self[0]);
            return null;
        });
        self[0] = new InFlight(item, task);
        inFlight.put(item.leaseToken(), self[0]);
        slots.execute(task);
    }

    private void runItem(InFlight running) {
        ClaimedItem item = running.item;
        MDC.put("worker_id", settings.id());
        MDC.put("job_id", item.jobId());
        MDC.put("item_id", item.itemId());
        MDC.put("attempt", item.attempt());
        try {
            Outcome outcome;
            String error = null;
            try {
                ItemProcessor.Result result = processor.process(item);
                if (result.cacheHit()) {
                    metrics.cacheHits.increment();
                } else {
                    metrics.synthesis.record(Duration.ofNanos(result.synthesisNanos()));
                }
                outcome = running.abandoned ? null : outcomes.persist(item, () -> queue.complete(item, result.assetId()));
            } catch (SynthesisException e) {
                String message = error = e.getMessage();
                outcome = running.abandoned ? null : outcomes.persist(item, () -> queue.fail(item, message, e.isPermanent()));
            } catch (StorageException | SQLException e) {
                String message = error = AttemptOutcomes.infrastructureError(e);
                outcome = running.abandoned ? null : outcomes.persist(item, () -> queue.waitForInfrastructure(item, message));
            } catch (Exception e) {
                String message = error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warnf(e, "Item %d failed unexpectedly", item.itemId());
                outcome = running.abandoned ? null : outcomes.persist(item, () -> queue.fail(item, message, false));
            }
            running.finished = true;
            outcomes.record(item, outcome, error);
        } catch (SQLException e) {
            // The outcome could not be written; the lease expires and the reaper gives the item another go.
            LOG.errorf(e, "Could not record the outcome of item %d", item.itemId());
        } catch (InterruptedException e) {
            LOG.warnf("Stopped while recording the outcome of item %d; its lease will expire", item.itemId());
        } finally {
            running.finished = true;
            inFlight.remove(item.leaseToken());
            MDC.clear();
            wake();
        }
    }

    private void heartbeat() {
        Set<UUID> tokens = new HashSet<>(inFlight.keySet());
        if (tokens.isEmpty()) {
            heartbeatHealthy = true;
            return;
        }
        try {
            Set<UUID> held = queue.heartbeat(tokens, settings.lease());
            heartbeatHealthy = true;
            for (UUID token : tokens) {
                InFlight running = inFlight.get(token);
                if (!held.contains(token) && running != null && !running.finished) {
                    LOG.warnf("Worker %s lost the lease of item %d (job cancelled or lease reaped); stopping it",
                            settings.id(), running.item.itemId());
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
