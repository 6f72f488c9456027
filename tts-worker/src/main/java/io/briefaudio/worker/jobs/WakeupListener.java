package io.briefaudio.worker.jobs;

import io.briefaudio.shared.jobs.JobNotifications;
import io.briefaudio.shared.jobs.PgListener;
import java.util.List;

/** Wakes the worker when the API queues items (and once per (re)connect, to catch up by claiming). */
class WakeupListener implements Runnable {

    private final PgListener listener;

    WakeupListener(String jdbcUrl, String user, String password, Runnable onNotification) {
        this.listener = new PgListener(jdbcUrl, user, password, "brief-audio-worker-listen",
                List.of(JobNotifications.CHANNEL), new PgListener.Handler() {
                    @Override
                    public void connected() {
                        onNotification.run();
                    }

                    @Override
                    public void notified(String channel, String payload) {
                        onNotification.run();
                    }
                });
    }

    @Override
    public void run() {
        listener.run();
    }

    void stop() {
        listener.stop();
    }
}
