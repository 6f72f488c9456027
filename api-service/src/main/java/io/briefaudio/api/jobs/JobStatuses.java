package io.briefaudio.api.jobs;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.episodes.EpisodeService;
import io.briefaudio.api.jobs.JobViews.ItemStatusView;
import io.briefaudio.api.jobs.JobViews.JobStatusView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.shared.jobs.AudioJob;
import io.briefaudio.shared.jobs.AudioJobItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** What a job looks like from outside: its status view with items, audio links and episode. */
@ApplicationScoped
public class JobStatuses {

    private final Ownership ownership;
    private final AudioLinks audioLinks;
    private final EpisodeService episodes;

    public JobStatuses(Ownership ownership, AudioLinks audioLinks, EpisodeService episodes) {
        this.ownership = ownership;
        this.audioLinks = audioLinks;
        this.episodes = episodes;
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
        var items = AudioJobItem.listForJob(jobId).stream().map(i -> new ItemStatusView(
                i.briefItemId, i.position, i.state.dbValue(),
                i.asset == null ? null : audioLinks.url(i.asset.storageKey),
                i.asset == null ? null : i.asset.durationMs,
                i.lastError, i.attempt, AttemptError.parseHistory(i.errors),
                i.warnings == null ? java.util.List.of() : java.util.List.of(i.warnings.split("\n")))).toList();
        var episode = episodes.forJob(jobId).map(episodes::view).orElse(null);
        return new JobStatusView(job.id, job.briefId, job.voiceId, job.status.dbValue(), job.progress,
                job.totalItems, job.completedItems, job.errorMessage, job.failedItems,
                job.createdAt, job.startedAt, job.completedAt, job.updatedAt, items,
                job.format, episode, episodes.state(jobId).orElse(null));
    }

    /**
     * Answers 404 for an unknown job or another tenant's: one indexed look-up, for endpoints that need no more
     * (event streams).
     */
    public void requireExists(long jobId) {
        ownership.requireJob(jobId);
    }
}
