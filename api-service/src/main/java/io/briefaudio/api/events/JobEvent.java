package io.briefaudio.api.events;

/**
 * One server-sent event of a job: {@code id} is the job's event sequence number, {@code type} the SSE
 * event name ({@code progress}, {@code item}, {@code completed}, {@code failed}, {@code cancelled}) and
 * {@code data} the job's status JSON. A {@link #heartbeat()} is sent as an SSE comment.
 */
public record JobEvent(long id, String type, String data) {

    private static final JobEvent HEARTBEAT = new JobEvent(-1, null, null);

    public static JobEvent heartbeat() {
        return HEARTBEAT;
    }

    public boolean isHeartbeat() {
        return type == null;
    }

    public boolean isFinal() {
        return isFinal(type);
    }

    static boolean isFinal(String type) {
        return "completed".equals(type) || "failed".equals(type) || "cancelled".equals(type);
    }
}
