package io.briefaudio.worker.tts.xtts;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer immediately and tells how much direct memory the JVM allows. The KV cache (gigabytes at
 * full size) is freed when its batch closes; left to the garbage collector, it would stay allocated outside the
 * heap until a GC runs.
 * Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, no JVM flags needed); where that is
 * unavailable the buffer is simply left to the collector.
 */
final class DirectMemory {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            unsafe = field.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private DirectMemory() {
    }

    /**
     * The most direct-buffer memory the JVM allows: {@code -XX:MaxDirectMemorySize}, which by default is the
     * maximum heap; {@link Long#MAX_VALUE} when it cannot be read.
     */
    static long limit() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long configured = Long.parseLong(vm.getVMOption("MaxDirectMemorySize").getValue());
            return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
        } catch (RuntimeException | LinkageError e) {
            return Long.MAX_VALUE;
        }
    }

    static void free(ByteBuffer buffer) {
        if (buffer == null || !buffer.isDirect() || INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // left to the garbage collector
        }
    }
}
