package io.briefaudio.api.events;

/**
 * One server-sent event of a job: {@code id} is the job's event sequence number, {@code type} the SSE
 * event name ({@code progress}, {@code item}, {@code completed}, {@code failed}, {@code cancelled},
 * {@code episode.completed}, {@code episode.failed}) and {@code data} the job's status JSON; {@code closes}
 * when the stream ends after it (the job is final and its episode, if any, settled). A {@link #heartbeat()} is
 * sent as an SSE comment.
 */
public record JobEvent(long id, String type, String data, boolean closes) {

    private static final JobEvent HEARTBEAT = new JobEvent(-1, null, null, false);

    public static JobEvent heartbeat() {
        return HEARTBEAT;
    }

    public boolean isHeartbeat() {
        return type == null;
    }

    /** The last event of its stream: nothing follows it. */
    public boolean isFinal() {
        return closes;
    }

    /** Whether a job in this status is finished (its episode may still be in the making). */
    static boolean isFinal(String status) {
        return "completed".equals(status) || "failed".equals(status) || "cancelled".equals(status);
    }
}
