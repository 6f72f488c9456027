package io.briefaudio.worker.tts.xtts;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The GPT's keys and values for the rows of a batch, in preallocated direct buffers laid out
 * {@code [slot, head, position, headDim]} per layer and kind. ONNX Runtime reads them in place (a direct
 * buffer is wrapped, not copied) and the engine writes each step's new positions into them, so a decode step
 * never copies the past. Capacity grows in blocks, so the buffers are re-laid out once every
 * {@value #BLOCK} positions rather than every step; positions past a row's length are masked in the graph and
 * hold finite values (zeros or an earlier row's), so masked weights of exactly 0 never meet a NaN.
 * Not thread-safe: one per batch.
 */
final class KvCache {

    static final int BLOCK = 64;

    private final OrtEnvironment env;
    private final int heads;
    private final int headDim;
    private final int maxSlots;
    private FloatBuffer[] buffers; // 2 per layer: key, value
    private ByteBuffer[] owners;   // the allocations behind them, freed as soon as they are replaced
    private int slots;
    private int capacity;

    KvCache(OrtEnvironment env, int layers, int heads, int headDim, int maxSlots) {
        this.env = env;
        this.maxSlots = maxSlots;
        this.heads = heads;
        this.headDim = headDim;
        this.buffers = new FloatBuffer[2 * layers];
        this.owners = new ByteBuffer[2 * layers];
    }

    int capacity() {
        return capacity;
    }

    /**
     * Makes room for {@code slotsNeeded} rows of {@code positionsNeeded} positions, keeping every row's
     * content; shrinks when the longest row needs {@value #BLOCK}·2 fewer positions than allocated, since
     * every step reads the whole capacity of every row.
     */
    void ensure(int slotsNeeded, int positionsNeeded) {
        int cap = roundUp(Math.max(1, positionsNeeded));
        boolean grow = slotsNeeded > slots || cap > capacity;
        boolean shrink = cap + 2 * BLOCK <= capacity;
        if (grow || shrink) {
            int newSlots = slotsNeeded > slots ? Math.min(maxSlots, Math.max(slotsNeeded, 2 * slots)) : slots;
            relayout(newSlots, grow ? Math.max(cap, capacity) : cap);
        }
    }

    /** Replaces one buffer at a time and frees the old one at once, so a re-layout never holds two caches. */
    private void relayout(int newSlots, int newCapacity) {
        int keep = Math.min(capacity, newCapacity) * headDim;
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer owner = ByteBuffer.allocateDirect(newSlots * heads * newCapacity * headDim * Float.BYTES)
                    .order(ByteOrder.nativeOrder());
            FloatBuffer next = owner.asFloatBuffer();
            for (int s = 0; s < Math.min(slots, newSlots) && keep > 0; s++) {
                for (int h = 0; h < heads; h++) {
                    FloatBuffer from = buffers[i].duplicate();
                    from.position(offset(s, h, 0, capacity)).limit(offset(s, h, 0, capacity) + keep);
                    next.position(offset(s, h, 0, newCapacity));
                    next.put(from);
                }
            }
            next.clear();
            DirectMemory.free(owners[i]);
            owners[i] = owner;
            buffers[i] = next;
        }
        slots = newSlots;
        capacity = newCapacity;
    }

    /** Frees the buffers now rather than when the garbage collector finds them. */
    void release() {
        for (int i = 0; i < owners.length; i++) {
            DirectMemory.free(owners[i]);
            owners[i] = null;
            buffers[i] = null;
        }
        slots = 0;
        capacity = 0;
    }

    /**
     * Writes a run's new keys or values ({@code [rows, heads, seq, headDim]}, row r going to slot r) at
     * positions {@code at[r]} onwards. {@code index} is 2·layer for keys, 2·layer+1 for values.
     */
    void write(int index, FloatBuffer fresh, int rows, int seq, int[] at) {
        int block = seq * headDim;
        for (int r = 0; r < rows; r++) {
            for (int h = 0; h < heads; h++) {
                FloatBuffer from = fresh.duplicate();
                int start = (r * heads + h) * block;
                from.position(start).limit(start + block);
                FloatBuffer to = buffers[index].duplicate();
                to.position(offset(r, h, at[r], capacity));
                to.put(from);
            }
        }
    }

    /** Same as {@link #write} for a single row landing in {@code slot}. */
    void writeRow(int index, FloatBuffer fresh, int slot, int seq) {
        int block = seq * headDim;
        for (int h = 0; h < heads; h++) {
            FloatBuffer from = fresh.duplicate();
            from.position(h * block).limit((h + 1) * block);
            FloatBuffer to = buffers[index].duplicate();
            to.position(offset(slot, h, 0, capacity));
            to.put(from);
        }
    }

    /** Copies slot {@code from}'s rows over slot {@code to} (closing a gap when a row leaves the batch). */
    void move(int from, int to) {
        int size = heads * capacity * headDim;
        for (FloatBuffer b : buffers) {
            FloatBuffer src = b.duplicate();
            src.position(from * size).limit((from + 1) * size);
            FloatBuffer dst = b.duplicate();
            dst.position(to * size);
            dst.put(src);
        }
    }

    /** Tensors over the first {@code rows} slots, wrapping the buffers; close them after the run. */
    OnnxTensor tensor(int index, int rows) throws OrtException {
        FloatBuffer view = buffers[index].duplicate();
        view.position(0).limit(rows * heads * capacity * headDim);
        return OnnxTensor.createTensor(env, view.slice(), new long[] {rows, heads, capacity, headDim});
    }

    private int offset(int slot, int head, int position, int cap) {
        return ((slot * heads + head) * cap + position) * headDim;
    }

    private static int roundUp(int n) {
        return (n + BLOCK - 1) / BLOCK * BLOCK;
    }
}
