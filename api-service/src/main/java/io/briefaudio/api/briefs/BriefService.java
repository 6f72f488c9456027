package io.briefaudio.api.briefs;

import io.briefaudio.api.access.AudioLinks;
import io.briefaudio.api.transcripts.TranscriptLinks;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.briefs.BriefViews.BriefPage;
import io.briefaudio.api.briefs.BriefViews.BriefSummary;
import io.briefaudio.api.briefs.BriefViews.BriefView;
import io.briefaudio.api.briefs.BriefViews.CreateBriefRequest;
import io.briefaudio.api.briefs.BriefViews.ItemAudio;
import io.briefaudio.api.briefs.BriefViews.ItemView;
import io.briefaudio.api.briefs.BriefViews.JobRef;
import io.briefaudio.api.episodes.AudioFormats;
import io.briefaudio.api.episodes.EpisodeService;
import io.briefaudio.api.jobs.JobResource;
import io.briefaudio.api.jobs.JobService;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.shared.audio.AudioFormat;
import io.briefaudio.shared.briefs.Brief;
import io.briefaudio.shared.briefs.BriefItem;
import io.briefaudio.shared.voices.Languages;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class BriefService {

    private final BriefValidator validator;
    private final JobService jobs;
    private final AudioFormats formats;
    private final EpisodeService episodes;
    private final EntityManager em;
    private final Ownership ownership;
    private final AudioLinks audioLinks;
    private final TranscriptLinks transcriptLinks;
    private final BriefDeletion deletion;

    public BriefService(BriefValidator validator, JobService jobs, AudioFormats formats, EpisodeService episodes,
                        EntityManager em, Ownership ownership, AudioLinks audioLinks, BriefDeletion deletion,
                        TranscriptLinks transcriptLinks) {
        this.transcriptLinks = transcriptLinks;
        this.validator = validator;
        this.jobs = jobs;
        this.formats = formats;
        this.episodes = episodes;
        this.em = em;
        this.ownership = ownership;
        this.audioLinks = audioLinks;
        this.deletion = deletion;
    }

    /** Stores a brief and, when asked, queues its audio in the same transaction. */
    @Transactional
    public BriefView create(CreateBriefRequest request) {
        validator.validate(request);
        var routed = request.generateAudio() == null ? null
                : jobs.route(request.generateAudio().voiceId(), request.generateAudio().engine());
        AudioFormat format = request.generateAudio() == null ? null : formats.resolve(request.generateAudio().format());
        Brief brief = new Brief();
        brief.tenantId = ownership.tenantId();
        brief.title = request.title().strip();
        brief.language = request.language() == null ? Languages.DEFAULT : request.language();
        if (request.items() != null) {
            request.items().forEach(newItem -> {
                BriefItem item = new BriefItem();
                item.title = newItem.title() == null || newItem.title().isBlank() ? null : newItem.title().strip();
                item.body = BriefValidator.storedText(newItem);
                brief.addItem(item);
            });
        }
        brief.persistAndFlush();
        if (routed != null) {
            jobs.enqueue(brief.id, routed, format, null);
        }
        return view(brief);
    }

    @Transactional
    public BriefView get(long id) {
        ownership.requireBrief(id);
        Brief brief = Brief.<Brief>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("Brief", id));
        return view(brief);
    }

    /** Deletes the brief, its jobs and the audio only it used; not transactional: objects go after the commit. */
    public void delete(long id) {
        ownership.requireBrief(id);
        if (!deletion.delete(id)) {
            throw ApiProblem.notFound("Brief", id);
        }
    }

    @Transactional
    public BriefPage list(int page, int size) {
        // Briefs made for one /v1/audio/speech request are not people's briefs.
        var query = Brief.<Brief>find("tenantId = ?1 and origin = 'brief'",
                        Sort.descending("createdAt").and("id", Sort.Direction.Descending), ownership.tenantId())
                .page(Page.of(page, size));
        List<Brief> found = query.list();
        Map<Long, Integer> counts = itemCounts(found.stream().map(b -> b.id).toList());
        List<BriefSummary> briefs = found.stream()
                .map(b -> new BriefSummary(b.id, b.title, b.language, b.createdAt, counts.getOrDefault(b.id, 0)))
                .toList();
        return new BriefPage(briefs, page, size, query.count());
    }

    private BriefView view(Brief brief) {
        Map<Long, ItemAudio> audio = latestAudio(brief.id);
        List<ItemView> items = brief.items.stream()
                .map(i -> new ItemView(i.id, i.position, i.title, i.body, audio.get(i.id)))
                .toList();
        return new BriefView(brief.id, brief.title, brief.language, brief.createdAt, items, latestJob(brief.id),
                episodes.latestForBrief(brief.id).map(episodes::view).orElse(null));
    }

    private Map<Long, ItemAudio> latestAudio(long briefId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT DISTINCT ON (i.brief_item_id) i.brief_item_id, a.storage_key, a.duration_ms, j.voice_id, j.id,
                       i.position
                FROM audio_job_item i
                JOIN audio_job j ON j.id = i.job_id
                JOIN audio_asset a ON a.id = i.asset_id
                WHERE j.brief_id = ?1 AND i.state = 'completed'
                ORDER BY i.brief_item_id, i.finished_at DESC, i.id DESC""")
                .setParameter(1, briefId)
                .getResultList();
        Map<Long, ItemAudio> audio = new HashMap<>();
        for (Object[] row : rows) {
            long jobId = ((Number) row[4]).longValue();
            audio.put(((Number) row[0]).longValue(), new ItemAudio(audioLinks.url((String) row[1], Attribution.job(jobId)),
                    ((Number) row[2]).intValue(), (String) row[3], jobId,
                    transcriptLinks.marksUrl(jobId, ((Number) row[5]).intValue())));
        }
        return audio;
    }

    private JobRef latestJob(long briefId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, voice_id, status, engine FROM audio_job WHERE brief_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1""")
                .setParameter(1, briefId)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            long jobId = ((Number) row[0]).longValue();
            return new JobRef(jobId, (String) row[1], (String) row[2], JobResource.statusUri(jobId).toString(),
                    (String) row[3]);
        }).orElse(null);
    }

    private Map<Long, Integer> itemCounts(List<Long> briefIds) {
        if (briefIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery(
                        "select i.brief.id, count(i) from BriefItem i where i.brief.id in ?1 group by i.brief.id", Object[].class)
                .setParameter(1, briefIds)
                .getResultList();
        Map<Long, Integer> counts = new HashMap<>();
        rows.forEach(row -> counts.put((Long) row[0], ((Number) row[1]).intValue()));
        return counts;
    }
}
