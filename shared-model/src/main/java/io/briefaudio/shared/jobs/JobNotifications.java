package io.briefaudio.shared.jobs;

/** The PostgreSQL NOTIFY channel on which the api-service tells workers that items were queued. */
public final class JobNotifications {

    public static final String CHANNEL = "audio_job_items_queued";

    private JobNotifications() {
    }
}
