package io.briefaudio.worker.episodes;

import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.NoSuchObjectException;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.ItemTranscript;
import io.briefaudio.shared.transcripts.SpeechTiming;
import io.briefaudio.worker.tts.SynthesisException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * An episode's captions, gathered while it is joined: each part's sentences, as written in the text it was spoken
 * from (the opening, a title, an item), moved to where that part starts in the episode. Not thread-safe.
 */
final class EpisodeCaptions {

    private static final Logger LOG = Logger.getLogger(EpisodeCaptions.class);

    private final AudioStorage storage;
    private final List<Cue> cues = new ArrayList<>();

    EpisodeCaptions(AudioStorage storage) {
        this.storage = storage;
    }

    /** The part stored under {@code audioKey}, spoken from {@code writtenText}, starts at {@code startMillis}. */
    void add(String audioKey, String writtenText, long startMillis) throws SynthesisException {
        SpeechTiming timing;
        try (InputStream in = storage.open(SpeechTiming.keyFor(audioKey), 0, Long.MAX_VALUE)) {
            timing = SpeechTiming.fromJson(in.readAllBytes());
        } catch (NoSuchObjectException e) {
            LOG.infof("%s has no speech timing (made before timings were stored): the transcript leaves it out", audioKey);
            return;
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s has a speech timing this worker cannot read (%s): the transcript leaves it out", audioKey,
                    e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            throw new SynthesisException("cannot read the speech timing of " + audioKey + ": " + e.getMessage(), false, e);
        }
        for (Cue cue : ItemTranscript.of(timing, writtenText).cues()) {
            cues.add(cue.shifted(startMillis));
        }
    }

    String toJson() {
        return Cue.toJson(cues);
    }
}
