package io.briefaudio.api.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.briefaudio.api.audio.AudioFixtures.Stored;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssetRetentionTests {

    @Inject
    AssetRetention retention;

    @Inject
    AudioFixtures fixtures;

    @Test
    void shouldDeleteObjectAndRowOfUnusedAssets() {
        Stored unused = fixtures.store(100);
        Stored used = fixtures.store(100);
        age(unused, 31);
        age(used, 29);

        List<String> deleted = retention.purge();

        assertTrue(deleted.contains(unused.name()));
        assertTrue(fixtures.storage.stat(unused.name()).isEmpty());
        assertEquals(0, fixtures.assetRows(unused.name()));
        assertTrue(fixtures.storage.stat(used.name()).isPresent());
        assertEquals(1, fixtures.assetRows(used.name()));
    }

    @Test
    void shouldDeleteEachAssetExactlyOnceWhenReplicasCleanUpAtOnce() throws Exception {
        List<String> names = IntStream.range(0, 120).mapToObj(i -> fixtures.store(64)).peek(s -> age(s, 40))
                .map(Stored::name).toList();

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return retention.purge();
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> run : runs) {
                all.addAll(run.get());
            }

            Set<String> unique = new HashSet<>(all);
            assertEquals(unique.size(), all.size(), "an asset was deleted twice");
            assertTrue(unique.containsAll(names));
            for (String name : names) {
                assertTrue(fixtures.storage.stat(name).isEmpty(), name + " still stored");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void age(Stored audio, int days) {
        fixtures.execute("UPDATE audio_asset SET last_used_at = now() - interval '" + days + " days' "
                + "WHERE storage_key = '" + audio.name() + "'");
    }
}
