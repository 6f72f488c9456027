package io.briefaudio.api;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition that something else (a dispatcher, a notification) makes true. */
public final class Eventually {

    private Eventually() {
    }

    /** Retries {@code condition} until it is true; one that throws counts as not yet true. */
    public static void until(Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("condition not met within " + timeout);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            Thread.sleep(50);
        }
    }
}
