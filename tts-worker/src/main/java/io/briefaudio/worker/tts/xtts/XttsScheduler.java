package io.briefaudio.worker.tts.xtts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The engine's one decoding thread: every synthesis of every worker slot is queued here and decoded in one
 * {@link GptBatch}, so a step reads the GPT weights once for up to {@code maxBatch} sentences instead of once
 * per sentence, and the item slots never fight over the cores with separate ONNX Runtime runs. A finished
 * row's HiFi-GAN decoding runs on this thread too, between steps, for the same reason. Continuous batching:
 * a waiting sentence takes the first free row, it does not wait for the batch to drain. Longest first: of the
 * sentences waiting, the longest takes the free row, so the short ones fill the rows at the end instead of a
 * long sentence decoding almost alone; a sentence's head start is bounded (see {@link #HEAD_START_MS_PER_POSITION}),
 * so later long sentences never starve an earlier short one.
 */
public final class XttsScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(XttsScheduler.class);

    /** A finished synthesis: the GPT's codes and latents, the waveform, and how long HiFi-GAN took. */
    record Done(GptDecoder.Generation generation, float[] samples, long hifiganNanos) {
    }

    /**
     * Where the scheduler's time went since start-up: prefills, decode steps (and the rows they carried), and
     * HiFi-GAN. For benchmarks and diagnostics.
     */
    public record Stats(long prefills, long prefillNanos, long steps, long rowSteps, long stepNanos, long hifigans,
                        long hifiganNanos) {
    }

    /** How often the batch's KV cache was allocated since start-up (once, unless the engine was closed) and how long it took. */
    public record CacheStats(long allocations, long allocationNanos) {
    }

    /**
     * How far ahead of its arrival a sentence is queued per prefix position (voice latents and text). The items
     * a worker claims together hand over their sentences within about a second, so these go longest first; a
     * sentence is never overtaken by one arriving more than the length difference times this later, so a
     * short request (an OpenAI-style speech job, say) waits only seconds longer than in arrival order.
     */
    static final long HEAD_START_MS_PER_POSITION = 50;

    /** {@code place}: arrival in milliseconds minus the head start; the lowest is seated first. */
    private record Job(GptBatch.Row row, float[] speakerEmbedding, double speed, CompletableFuture<Done> result,
                       long place, long sequence) {
    }

    private final GptBatch batch;
    private final HifiGanDecoder decoder;
    private final int stopCode;
    private final PriorityBlockingQueue<Job> waiting = new PriorityBlockingQueue<>(64,
            Comparator.comparingLong(Job::place).thenComparingLong(Job::sequence));
    private final AtomicLong sequence = new AtomicLong();
    private final LongSupplier clockMillis;
    private final Map<GptBatch.Row, Job> seated = new IdentityHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean staticBatching;
    private final java.util.concurrent.atomic.AtomicReference<Stats> stats =
            new java.util.concurrent.atomic.AtomicReference<>(new Stats(0, 0, 0, 0, 0, 0, 0));

    XttsScheduler(GptBatch batch, HifiGanDecoder decoder, int stopCode) {
        this(batch, decoder, stopCode, () -> System.nanoTime() / 1_000_000);
    }

    /** With the clock, in milliseconds, that orders the waiting sentences (tests set it). */
    XttsScheduler(GptBatch batch, HifiGanDecoder decoder, int stopCode, LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        this.batch = batch;
        this.decoder = decoder;
        this.stopCode = stopCode;
        this.thread = new Thread(this::loop, "xtts-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one generation; cancelling the future drops the row at the next step. */
    CompletableFuture<Done> submit(GptBatch.Row row, float[] speakerEmbedding, double speed) {
        CompletableFuture<Done> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the XTTS engine is closed"));
            return result;
        }
        long place = clockMillis.getAsLong() - HEAD_START_MS_PER_POSITION * batch.prefixPositions(row);
        waiting.add(new Job(row, speakerEmbedding, speed, result, place, sequence.incrementAndGet()));
        return result;
    }

    private void loop() {
        while (!closed) {
            try {
                boolean drained = batch.size() == 0;
                if (drained) {
                    admit(waiting.take());
                }
                Job next;
                // Static batching (benchmarks only) refills the batch only once it has drained.
                while (!batch.isFull() && (drained || !staticBatching) && (next = waiting.poll()) != null) {
                    admit(next);
                }
                dropCancelled();
                if (batch.size() > 0) {
                    int rows = batch.size();
                    long t0 = System.nanoTime();
                    List<GptBatch.Row> finished = batch.step();
                    long took = System.nanoTime() - t0;
                    stats.updateAndGet(s -> new Stats(s.prefills(), s.prefillNanos(), s.steps() + 1, s.rowSteps() + rows,
                            s.stepNanos() + took, s.hifigans(), s.hifiganNanos()));
                    for (GptBatch.Row row : finished) {
                        finish(seated.remove(row));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception | OutOfMemoryError e) {
                // The batch's state is unknown after a failed run: fail its rows; their items are retried.
                LOG.errorf(e, "XTTS batch step failed; failing %d synthesis(es)", seated.size());
                for (Job job : new ArrayList<>(seated.values())) {
                    batch.remove(job.row());
                    job.result().completeExceptionally(e);
                }
                seated.clear();
            }
        }
    }

    private void admit(Job job) {
        if (job.result().isDone()) {
            return; // cancelled while waiting
        }
        try {
            boolean seatedNow = batch.admit(job.row());
            long took = job.row().prefillNanos;
            stats.updateAndGet(s -> new Stats(s.prefills() + 1, s.prefillNanos() + took, s.steps(), s.rowSteps(),
                    s.stepNanos(), s.hifigans(), s.hifiganNanos()));
            if (seatedNow) {
                seated.put(job.row(), job);
            } else {
                finish(job);
            }
        } catch (Exception e) {
            job.result().completeExceptionally(e);
        }
    }

    private void dropCancelled() {
        List<Job> gone = seated.values().stream().filter(j -> j.result().isDone()).toList();
        for (Job job : gone) {
            batch.remove(job.row());
            seated.remove(job.row());
        }
    }

    private void finish(Job job) {
        if (job.result().isDone()) {
            return;
        }
        try {
            GptDecoder.Generation g = job.row().generation(stopCode);
            long t0 = System.nanoTime();
            float[] samples = decoder.decode(g.latents(), job.speakerEmbedding(), job.speed());
            long took = System.nanoTime() - t0;
            stats.updateAndGet(s -> new Stats(s.prefills(), s.prefillNanos(), s.steps(), s.rowSteps(), s.stepNanos(),
                    s.hifigans() + 1, s.hifiganNanos() + took));
            job.result().complete(new Done(g, samples, took));
        } catch (Exception e) {
            job.result().completeExceptionally(e);
        }
    }

    /** Benchmarks only: admit new sentences only when the batch has drained, to measure what continuous batching gains. */
    void staticBatching(boolean on) {
        staticBatching = on;
    }

    Stats stats() {
        return stats.get();
    }

    CacheStats cacheStats() {
        return batch.cacheStats();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job job;
        while ((job = waiting.poll()) != null) {
            job.result().completeExceptionally(new IllegalStateException("the XTTS engine closed"));
        }
        seated.values().forEach(j -> j.result().completeExceptionally(new IllegalStateException("the XTTS engine closed")));
        if (!thread.isAlive()) {
            batch.close();
        }
    }
}
