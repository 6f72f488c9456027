package io.briefaudio.shared.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the storage provider from configuration; S3 arrives with the storage issue. */
@ApplicationScoped
public class AudioStorageProducer {

    private static final Logger LOG = Logger.getLogger(AudioStorageProducer.class);

    @Produces
    @ApplicationScoped
    AudioStorage audioStorage(StorageConfig config) {
        String provider = config.provider();
        if (!provider.equals("auto") && !provider.equals("filesystem")) {
            throw new IllegalStateException("briefaudio.storage.provider=" + provider
                    + " is not supported; use auto or filesystem");
        }
        FilesystemAudioStorage storage = new FilesystemAudioStorage(config.filesystem().root());
        LOG.infof("Audio storage: filesystem at %s", storage.root());
        return storage;
    }
}
