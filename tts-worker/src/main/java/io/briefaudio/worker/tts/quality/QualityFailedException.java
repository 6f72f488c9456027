package io.briefaudio.worker.tts.quality;

import io.briefaudio.worker.tts.SynthesisException;

/**
 * A narration whose kept audio fails a check under {@code on-fail=fail}: the item fails with error kind
 * {@code quality}. Not permanent: the next attempt draws new takes ({@link QualityGate}).
 */
public class QualityFailedException extends SynthesisException {

    private final transient QualityReport report;

    public QualityFailedException(QualityReport report) {
        super("quality check failed: " + report.summary(), false);
        this.report = report;
    }

    public QualityReport report() {
        return report;
    }
}
