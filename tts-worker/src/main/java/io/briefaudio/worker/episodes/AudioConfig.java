package io.briefaudio.worker.episodes;

import io.briefaudio.shared.audio.codec.FfmpegCodec;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Encoding (FFmpeg) and episode settings of the worker. */
@ConfigMapping(prefix = "briefaudio.audio")
public interface AudioConfig {

    Ffmpeg ffmpeg();

    Episode episode();

    interface Ffmpeg {
        /** The ffmpeg program, a name on PATH or an absolute path. */
        @WithDefault("ffmpeg")
        String program();

        /** Longest one encode or decode may run before it is killed and the attempt retried. */
        @WithDefault("2m")
        Duration timeout();
    }

    interface Episode {
        /** Silence after the spoken opening (the brief's title and date). */
        @WithDefault("900ms")
        Duration pauseAfterOpening();

        /** Silence between an item's spoken title and its audio. */
        @WithDefault("450ms")
        Duration pauseAfterTitle();

        /** Silence after each item. */
        @WithDefault("1200ms")
        Duration pauseBetweenItems();
    }

    default FfmpegCodec codec() {
        return new FfmpegCodec(ffmpeg().program(), ffmpeg().timeout());
    }

    default EpisodeAssembler.Pauses pauses() {
        return new EpisodeAssembler.Pauses(episode().pauseAfterOpening(), episode().pauseAfterTitle(),
                episode().pauseBetweenItems());
    }
}
