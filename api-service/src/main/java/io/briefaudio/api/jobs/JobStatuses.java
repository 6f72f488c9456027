package io.briefaudio.api.jobs;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.episodes.EpisodeService;
import io.briefaudio.api.jobs.JobViews.ItemStatusView;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.listening.ListeningStats;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.transcripts.TranscriptLinks;
import io.briefaudio.shared.jobs.AudioJob;
import io.briefaudio.shared.jobs.AudioJobItem;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.jobs.JobStatus;
import io.briefaudio.shared.voices.CustomVoices;
import io.briefaudio.api.engines.EngineRouting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;

/** What a job looks like from outside: its status view with items, audio links and episode. */
@ApplicationScoped
public class JobStatuses {

    private final Ownership ownership;
    private final AudioLinks audioLinks;
    private final EpisodeService episodes;
    private final ListeningStats listening;
    private final EngineRouting engines;
    private final TranscriptLinks transcripts;

    public JobStatuses(Ownership ownership, AudioLinks audioLinks, EpisodeService episodes, ListeningStats listening,
                       EngineRouting engines, TranscriptLinks transcripts) {
        this.transcripts = transcripts;
        this.ownership = ownership;
        this.audioLinks = audioLinks;
        this.episodes = episodes;
        this.listening = listening;
        this.engines = engines;
    }

    @Transactional
    public JobStatusView status(long jobId) {
        ownership.requireJob(jobId);
        return statusForDelivery(jobId);
    }

    /**
     * The status without the caller's tenant check, for what the server sends on its own threads (event streams,
     * webhooks): their owner was checked when the stream was opened or the webhook registered.
     */
    @Transactional
    public JobStatusView statusForDelivery(long jobId) {
        AudioJob job = AudioJob.<AudioJob>findByIdOptional(jobId).orElseThrow(() -> ApiProblem.notFound("Job", jobId));
        Map<Integer, Long> plays = listening.playsOfJob(jobId);
        var items = AudioJobItem.listForJob(jobId).stream().map(i -> new ItemStatusView(
                i.briefItemId, i.position, i.state.dbValue(),
                i.asset == null ? null : audioLinks.url(i.asset.storageKey, Attribution.job(jobId)),
                i.asset == null ? null : i.asset.durationMs,
                i.lastError, i.attempt, AttemptError.parseHistory(i.errors),
                plays.getOrDefault(i.position, 0L), i.spokenEngine, i.spokenBy,
                i.warnings == null ? java.util.List.of() : java.util.List.of(i.warnings.split("\n")),
                QualityViews.item(i.quality),
                i.asset == null ? null : transcripts.marksUrl(jobId, i.position))).toList();
        var episode = episodes.forJob(jobId).map(episodes::view).orElse(null);
        return new JobStatusView(job.id, job.briefId, job.voiceId, job.status.dbValue(), job.progress,
                job.totalItems, job.completedItems, job.errorMessage, job.failedItems,
                job.createdAt, job.startedAt, job.completedAt, job.updatedAt, items,
                job.format, episode, episodes.state(jobId).orElse(null), job.engine, waitingForEngine(job, items),
                audioLinks.eventsUrl(jobId));
    }

    /**
     * The engine an unfinished job waits for: items are queued and no live worker (by the worker_engine heartbeats)
     * runs its engine, or can clone when the voice is custom. Null otherwise.
     */
    private String waitingForEngine(AudioJob job, java.util.List<ItemStatusView> items) {
        boolean unfinished = job.status == JobStatus.QUEUED || job.status == JobStatus.PROCESSING;
        if (!unfinished || items.stream().noneMatch(i -> "queued".equals(i.status()))) {
            return null;
        }
        Engine engine = Engine.byId(job.engine).orElseThrow();
        return engines.hasLiveWorker(engine, CustomVoices.isCustomId(job.voiceId)) ? null : engine.id();
    }

    /**
     * Answers 404 for an unknown job or another tenant's: one indexed look-up, for endpoints that need no more
     * (event streams).
     */
    public void requireExists(long jobId) {
        ownership.requireJob(jobId);
    }

    /** Answers 404 for an unknown job, whoever owns it: for a signed events link, whose signature names the job. */
    @Transactional
    public void requireExistsForLink(long jobId) {
        if (AudioJob.count("id", jobId) == 0) {
            throw ApiProblem.notFound("Job", jobId);
        }
    }
}
