package io.briefaudio.worker.tts;

import io.briefaudio.worker.tts.espeak.EspeakEngine;
import io.briefaudio.worker.tts.espeak.EspeakProgram;
import io.briefaudio.worker.tts.kokoro.KokoroEngine;
import io.briefaudio.worker.tts.xtts.XttsEngine;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Loads the configured speech engine once, at start-up, so a missing engine stops the worker early. */
@ApplicationScoped
public class SpeechEngineProducer {

    private static final Logger LOG = Logger.getLogger(SpeechEngineProducer.class);

    @Produces
    @ApplicationScoped
    SpeechEngine speechEngine(TtsConfig config) {
        TtsConfig.EngineChoice choice = EngineSelection.choose(config.engine(), config.xtts().modelDir(),
                config.kokoro().modelDir());
        if (choice == TtsConfig.EngineChoice.ESPEAK && config.xtts().modelDir().isPresent()) {
            LOG.warnf("briefaudio.tts.xtts.model-dir is set but briefaudio.tts.engine=espeak: the model is not used");
        }
        SpeechEngine engine = switch (choice) {
            case XTTS -> EngineSelection.loadXtts(config.xtts().modelDir().orElseThrow(), config.xtts().intraOpThreads(),
                    config.xtts().maxBatch(), config.xtts().presets(), config.xtts().precision());
            case KOKORO -> EngineSelection.loadKokoro(config.kokoro().modelDir().orElseThrow(),
                    new EspeakProgram(config.espeak().program(), config.espeak().timeout()),
                    new KokoroEngine.Settings(config.kokoro().precision(), config.kokoro().intraOpThreads(),
                            config.kokoro().speed(), config.kokoro().maxPhonemes(), config.kokoro().presets()));
            default -> new EspeakEngine(config.espeak().program(), config.espeak().timeout());
        };
        LOG.infof("Speech engine: %s, model %s, %d languages", engine.name(), engine.modelVersion(),
                engine.languages().size());
        if (engine instanceof KokoroEngine kokoro) {
            LOG.infof("Kokoro: %d voices, weights and voices under %s, %s", kokoro.voiceNames().size(), kokoro.license(),
                    kokoro.hasDurations() ? "with token durations" : "without token durations");
        }
        if (engine instanceof XttsEngine xtts) {
            LOG.infof("XTTS GPT precision %s (briefaudio.tts.xtts.precision), max batch %d", xtts.precision().id(),
                    xtts.maxBatch());
        }
        return engine;
    }

    void loadAtStartup(@Observes StartupEvent event, SpeechEngine engine) {
        // Touching the client proxy creates the engine now rather than on the first item.
        engine.name();
    }
}
