package io.briefaudio.api.listening;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import java.util.Optional;

/**
 * Whose link fetched an audio object: the job ({@code ?job=ID}) and whether it came from a podcast feed
 * ({@code &via=feed}). Every audio link the API hands out carries one, so a download counts for the job and tenant
 * that served it, not for the cached file other briefs share. Signed links sign it too ({@code AudioLinks}).
 */
public record Attribution(long jobId, boolean viaFeed) {

    public static final String FEED = "feed";

    public static Attribution job(long jobId) {
        return new Attribution(jobId, false);
    }

    public static Attribution feed(long jobId) {
        return new Attribution(jobId, true);
    }

    /** The attribution of a request; empty without {@code job}; a malformed one is a 400 problem. */
    public static Optional<Attribution> parse(String job, String via) {
        if (job == null) {
            if (via != null) {
                throw new ApiProblem(ProblemType.VALIDATION, "Parameter 'via' needs 'job'");
            }
            return Optional.empty();
        }
        if (!job.matches("[1-9][0-9]{0,17}")) {
            throw new ApiProblem(ProblemType.VALIDATION, "Parameter 'job' must be a job id (a positive integer)");
        }
        if (via != null && !via.equals(FEED)) {
            throw new ApiProblem(ProblemType.VALIDATION, "Parameter 'via' may only be 'feed'");
        }
        return Optional.of(new Attribution(Long.parseLong(job), via != null));
    }

    /** The query parameters, e.g. {@code job=12&via=feed}. */
    public String query() {
        return "job=" + jobId + (viaFeed ? "&via=" + FEED : "");
    }

    /** What a signed link's signature covers besides the file name and expiry. */
    public String signedPart() {
        return "\njob=" + jobId + (viaFeed ? "\nvia=" + FEED : "");
    }
}
