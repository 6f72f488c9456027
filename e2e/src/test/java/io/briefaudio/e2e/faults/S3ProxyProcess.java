package io.briefaudio.e2e.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** S3Proxy (jar-with-dependencies) as a separate process over a directory, on a fixed port it keeps across restarts. */
final class S3ProxyProcess implements AutoCloseable {

    static final String BUCKET = "briefaudio";
    private static final String ACCESS_KEY = "fault-access";
    private static final String SECRET_KEY = "fault-secret";

    final int port;
    private final Path dir;
    private final Path properties;
    private Process process;

    S3ProxyProcess(Path dir) throws Exception {
        this.port = FaultRig.freePort();
        this.dir = Files.createDirectories(dir);
        if (Files.exists(dir.resolve("blobs"))) { // a previous run's objects
            try (Stream<Path> old = Files.walk(dir.resolve("blobs"))) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("blobs").resolve(BUCKET));
        this.properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("blobs").toAbsolutePath(), ""));
        start();
    }

    /** What the services need to use this endpoint. */
    Map<String, String> environment() {
        return Map.of("AWS_S3_BUCKET", BUCKET, "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_REGION", "us-east-1", "AWS_S3_ENDPOINT", "http://127.0.0.1:" + port, "AWS_S3_FORCE_PATH_STYLE", "true");
    }

    void start() throws Exception {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy jar missing: " + jar + " (the faults profile copies it)");
        }
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar, "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited; see " + dir.resolve("s3proxy.log"));
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("S3Proxy did not listen; see " + dir.resolve("s3proxy.log"));
    }

    void kill() throws InterruptedException {
        FaultRig.kill9(process);
    }

    /**
     * Stored audio objects whose name contains {@code part} (e.g. {@code _item_}: not episodes or spoken titles).
     * Only names that end in an audio extension count: S3Proxy writes each upload to a temporary file
     * ({@code name.wav-<uuid>}) and renames it, and one killed in the middle of an upload leaves it behind. A walk
     * that meets a temporary file just renamed (an episode still being uploaded) starts again.
     */
    long objectCount(String part) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(dir.resolve("blobs").resolve(BUCKET))) {
                return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                        .filter(name -> name.contains(part) && name.matches(".*\\.(wav|mp3|opus|m4a)")).count();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
