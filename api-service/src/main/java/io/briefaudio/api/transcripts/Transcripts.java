package io.briefaudio.api.transcripts;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.AuthConfig;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.access.Ownership;
import io.briefaudio.api.jobs.JobStatuses;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.storage.AudioStorage;
import io.briefaudio.shared.storage.NoSuchObjectException;
import io.briefaudio.shared.transcripts.Cue;
import io.briefaudio.shared.transcripts.ItemTranscript;
import io.briefaudio.shared.transcripts.SpeechMark;
import io.briefaudio.shared.transcripts.SpeechTiming;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A job's items' speech marks and its episode's captions. An item's marks are its audio's timing (stored beside the
 * audio by the worker) laid onto the item's text as written ({@link ItemTranscript}); the episode's captions are
 * what the worker stored with the episode. Who may read them: the job's tenant, or anyone with a signed link.
 */
@ApplicationScoped
public class Transcripts {

    private final AgroalDataSource dataSource;
    private final AudioStorage storage;
    private final Ownership ownership;
    private final Caller caller;
    private final AuthConfig auth;
    private final TranscriptLinks links;
    private final JobStatuses jobs;

    public Transcripts(AgroalDataSource dataSource, AudioStorage storage, Ownership ownership, Caller caller,
                       AuthConfig auth, TranscriptLinks links, JobStatuses jobs) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.ownership = ownership;
        this.caller = caller;
        this.auth = auth;
        this.links = links;
        this.jobs = jobs;
    }

    /** The speech marks of the item at {@code position}: 404 when there is none, 409 until its audio is ready. */
    public List<SpeechMark> itemMarks(long jobId, int position, String exp, String sig) {
        authorize(jobId, () -> links.verifyMarks(jobId, position, exp, sig));
        ItemAudio item = itemAudio(jobId, position);
        if (!"completed".equals(item.state()) || item.storageKey() == null) {
            throw new ApiProblem(ProblemType.NOT_READY, "Item " + position + " of job " + jobId + " is " + item.state()
                    + ": its speech marks come with its audio");
        }
        return ItemTranscript.of(timing(item.storageKey(), jobId, position), item.text()).marks();
    }

    /** The captions of the job's episode: 409 until it is assembled. */
    public List<Cue> episodeCues(long jobId, String exp, String sig) {
        authorize(jobId, () -> links.verifyTranscript(jobId, exp, sig));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, transcript::text FROM audio_episode WHERE job_id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || !"completed".equals(rs.getString(1))) {
                    throw new ApiProblem(ProblemType.NOT_READY, "Job " + jobId + " has no episode yet: its transcript "
                            + "comes with the episode, which is assembled when the job finishes with completed items");
                }
                String transcript = rs.getString(2);
                if (transcript == null) {
                    throw new ApiProblem(ProblemType.NOT_READY, "The episode of job " + jobId + " was assembled before "
                            + "transcripts were recorded; generate the brief's audio again for one");
                }
                return Cue.listFromJson(transcript);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the episode of job " + jobId, e);
        }
    }

    private interface Signature {
        boolean valid();
    }

    /** A key of the job's tenant (or auth off), else a valid signed link; another tenant's job is a 404. */
    private void authorize(long jobId, Signature signedLink) {
        if (!auth.enabled() || caller.identified()) {
            ownership.requireJob(jobId);
        } else if (signedLink.valid()) {
            jobs.requireExistsForLink(jobId);
        } else {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The link is expired or its signature does not match");
        }
    }

    private record ItemAudio(String state, String storageKey, String text) {
    }

    private ItemAudio itemAudio(long jobId, int position) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT i.state, a.storage_key, bi.body FROM audio_job_item i
                JOIN brief_item bi ON bi.id = i.brief_item_id
                LEFT JOIN audio_asset a ON a.id = i.asset_id
                WHERE i.job_id = ? AND i.position = ?""")) {
            s.setLong(1, jobId);
            s.setInt(2, position);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ApiProblem(ProblemType.NOT_FOUND, "Job " + jobId + " has no item at position " + position);
                }
                return new ItemAudio(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read item " + position + " of job " + jobId, e);
        }
    }

    private SpeechTiming timing(String audioKey, long jobId, int position) {
        try (InputStream in = storage.open(SpeechTiming.keyFor(audioKey), 0, Long.MAX_VALUE)) {
            return SpeechTiming.fromJson(in.readAllBytes());
        } catch (NoSuchObjectException e) {
            throw new ApiProblem(ProblemType.NOT_READY, "The audio of item " + position + " of job " + jobId
                    + " was made before speech marks were recorded; generate the brief's audio again for them");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the speech timing of " + audioKey, e);
        }
    }
}
