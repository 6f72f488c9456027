package io.briefaudio.api.audio;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.StorageException;
import io.briefaudio.shared.transcripts.SpeechTiming;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Deletes stored audio objects, and the speech timing stored beside each, after their asset rows are gone (retention,
 * brief deletion).
 */
@ApplicationScoped
public class AssetObjects {

    private static final Logger LOG = Logger.getLogger(AssetObjects.class);

    private final AudioStorage storage;

    public AssetObjects(AudioStorage storage) {
        this.storage = storage;
    }

    /** Deletes objects whose rows are already gone; one that cannot be deleted is orphaned (logged), never served. */
    public void deleteObjects(List<String> keys) {
        for (String key : keys) {
            try {
                storage.delete(key);
                storage.delete(SpeechTiming.keyFor(key));
            } catch (StorageException e) {
                LOG.warnf(e, "Asset row deleted but object %s could not be; it is orphaned", key);
            }
        }
    }
}
