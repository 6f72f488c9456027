package io.briefaudio.shared.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemAudioStorageTest {

    private static final String KEY = "brief_1_item_2_20240501_093000_0123abcd.wav";

    @TempDir
    Path root;

    @Test
    void shouldStoreAndStatAnObject() {
        FilesystemAudioStorage storage = new FilesystemAudioStorage(root);
        storage.put(KEY, bytes(1000), "audio/wav");

        StoredObject object = storage.stat(KEY).orElseThrow();
        assertEquals(1000, object.sizeBytes());
        assertEquals(KEY, object.key());
    }

    @Test
    void shouldReadOnlyTheRequestedSlice() throws Exception {
        FilesystemAudioStorage storage = new FilesystemAudioStorage(root);
        byte[] content = bytes(1000);
        storage.put(KEY, content, "audio/wav");

        try (InputStream in = storage.open(KEY, 100, 50)) {
            assertArrayEquals(Arrays.copyOfRange(content, 100, 150), in.readAllBytes());
        }
    }

    @Test
    void shouldReplaceAnObjectWithoutLeavingTemporaryFiles() throws Exception {
        FilesystemAudioStorage storage = new FilesystemAudioStorage(root);
        storage.put(KEY, bytes(10), "audio/wav");
        storage.put(KEY, "second".getBytes(StandardCharsets.UTF_8), "audio/wav");

        try (InputStream in = storage.open(KEY, 0, 100)) {
            assertEquals("second", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (var files = Files.list(root)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldStoreAFileWithoutLeavingTemporaryFiles(@TempDir Path elsewhere) throws Exception {
        FilesystemAudioStorage storage = new FilesystemAudioStorage(root);
        Path file = Files.write(elsewhere.resolve("episode.mp3"), bytes(70_000));

        storage.put(KEY, file, "audio/mpeg");

        try (InputStream in = storage.open(KEY, 0, Long.MAX_VALUE)) {
            assertArrayEquals(bytes(70_000), in.readAllBytes());
        }
        assertTrue(Files.exists(file), "the source file is the caller's");
        try (var files = Files.list(root)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldReportMissingObjects() {
        FilesystemAudioStorage storage = new FilesystemAudioStorage(root);

        assertTrue(storage.stat(KEY).isEmpty());
        assertThrows(NoSuchObjectException.class, () -> storage.open(KEY, 0, 1));
        storage.delete(KEY); // deleting what is not there is fine
    }

    @Test
    void shouldRefuseKeysThatLeaveTheRoot() throws Exception {
        Path inner = Files.createDirectory(root.resolve("audio"));
        Files.writeString(root.resolve("secret.wav"), "secret");
        FilesystemAudioStorage storage = new FilesystemAudioStorage(inner);

        for (String key : new String[] {"../secret.wav", "/etc/passwd", "sub/../../secret.wav", ""}) {
            assertThrows(IllegalArgumentException.class, () -> storage.stat(key), key);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }
}
