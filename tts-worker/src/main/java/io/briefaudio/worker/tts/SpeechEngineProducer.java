package io.briefaudio.worker.tts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

@ApplicationScoped
public class SpeechEngineProducer {

    private static final Logger LOG = Logger.getLogger(SpeechEngineProducer.class);

    @Produces
    @ApplicationScoped
    SpeechEngine speechEngine() {
        SpeechEngine engine = new EspeakEngine("espeak-ng", 60_000);
        LOG.infof("Speech engine: %s %s", engine.name(), engine.modelVersion());
        return engine;
    }
}
