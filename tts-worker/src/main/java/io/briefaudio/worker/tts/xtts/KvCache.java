package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GPT's keys and values for the rows of a batch, in direct buffers laid out
 * {@code [slot, head, position, headDim]} per layer and kind. Each buffer is wrapped (not copied) into one
 * tensor that the engine passes as both the graph's past and its present: ONNX Runtime's GroupQueryAttention
 * then writes a step's new positions in place and reads only each row's own positions, so a step never copies
 * the past and never reads another row's unused positions.
 * <p>
 * The buffers are allocated once, on first use, at their full size: every slot of the batch with room for the
 * model's longest sequence. Spare positions cost memory but no time, while growing the buffers as rows grow
 * meant copying every row into fresh memory, which took seconds at full size and, in the 5-item brief, 8 to 15 %
 * of the wall time (bench/README.md). Not thread-safe: one per batch.
 */
final class KvCache {

    private final OrtEnvironment env;
    private final int heads;
    private final int headDim;
    private final int slots;
    private final int capacity;
    private final FloatBuffer[] buffers; // 2 per layer: key, value
    private final ByteBuffer[] owners;   // the allocations behind them
    private final AtomicLong allocations = new AtomicLong();
    private final AtomicLong allocationNanos = new AtomicLong();

    KvCache(OrtEnvironment env, int layers, int heads, int headDim, int slots, int capacity) {
        this.env = env;
        this.slots = slots;
        this.capacity = capacity;
        this.heads = heads;
        this.headDim = headDim;
        this.buffers = new FloatBuffer[2 * layers];
        this.owners = new ByteBuffer[2 * layers];
    }

    /** Positions per slot: the model's longest sequence. */
    int capacity() {
        return capacity;
    }

    /** Bytes the buffers take once allocated. */
    long bytes() {
        return (long) buffers.length * slots * heads * capacity * headDim * Float.BYTES;
    }

    /** Allocates the buffers unless they are; refuses what does not fit (the engine never asks for it). */
    void ensure(int slotsNeeded, int positionsNeeded) {
        if (slotsNeeded > slots || positionsNeeded > capacity) {
            throw new IllegalStateException("the KV cache holds " + slots + " rows of " + capacity + " positions; asked for "
                    + slotsNeeded + " rows of " + positionsNeeded);
        }
        if (owners[0] != null) {
            return;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < buffers.length; i++) {
            owners[i] = ByteBuffer.allocateDirect(slots * heads * capacity * headDim * Float.BYTES)
                    .order(ByteOrder.nativeOrder());
            buffers[i] = owners[i].asFloatBuffer();
        }
        allocations.incrementAndGet();
        allocationNanos.addAndGet(System.nanoTime() - t0);
    }

    /** Allocations so far and the time they took; readable from any thread. */
    XttsScheduler.CacheStats stats() {
        return new XttsScheduler.CacheStats(allocations.get(), allocationNanos.get());
    }

    /** Frees the buffers now rather than when the garbage collector finds them; the next use allocates again. */
    void release() {
        for (int i = 0; i < owners.length; i++) {
            DirectMemory.free(owners[i]);
            owners[i] = null;
            buffers[i] = null;
        }
    }

    /**
     * Copies the first {@code positions} positions of slot {@code from} into slot {@code to}, in every buffer:
     * to share a voice's prefix, or to close the gap a leaving row leaves.
     */
    void copyPositions(int from, int to, int positions) {
        int count = positions * headDim;
        for (FloatBuffer b : buffers) {
            for (int h = 0; h < heads; h++) {
                FloatBuffer src = b.duplicate();
                src.position(offset(from, h)).limit(offset(from, h) + count);
                FloatBuffer dst = b.duplicate();
                dst.position(offset(to, h));
                dst.put(src);
            }
        }
    }

    /**
     * A tensor over the first {@code rows} slots of buffer {@code index} (2·layer for keys, 2·layer+1 for
     * values), wrapping it; close it after the run.
     */
    OnnxTensor tensor(int index, int rows) throws OrtException {
        return view(index, 0, rows);
    }

    /** A tensor over slot {@code slot} alone, as a batch of one (a row's prefill). */
    OnnxTensor slotTensor(int index, int slot) throws OrtException {
        return view(index, slot, 1);
    }

    private OnnxTensor view(int index, int firstSlot, int rows) throws OrtException {
        FloatBuffer view = buffers[index].duplicate();
        int size = heads * capacity * headDim;
        view.position(firstSlot * size).limit((firstSlot + rows) * size);
        return OnnxTensor.createTensor(env, view.slice(), new long[] {rows, heads, capacity, headDim});
    }

    private int offset(int slot, int head) {
        return (slot * heads + head) * capacity * headDim;
    }
}
