package io.briefaudio.shared.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Chooses the storage provider from configuration (see {@link StorageProvider#choose}). */
@ApplicationScoped
public class AudioStorageProducer {

    private static final Logger LOG = Logger.getLogger(AudioStorageProducer.class);

    @Produces
    @ApplicationScoped
    AudioStorage audioStorage(StorageConfig config, Instance<S3Client> s3, Instance<S3Presigner> presigner) {
        // Instance, not direct injection: the S3 clients are only built (and need a region) when S3 is chosen.
        return switch (StorageProvider.choose(config.provider(), config.s3().bucket().isPresent())) {
            case FILESYSTEM -> {
                FilesystemAudioStorage storage = new FilesystemAudioStorage(config.filesystem().root());
                LOG.infof("Audio storage: filesystem at %s", storage.root());
                yield storage;
            }
            case S3 -> {
                String bucket = config.s3().bucket().orElseThrow();
                LOG.infof("Audio storage: S3 bucket %s", bucket);
                yield new S3AudioStorage(s3.get(), presigner.get(), bucket);
            }
        };
    }
}
