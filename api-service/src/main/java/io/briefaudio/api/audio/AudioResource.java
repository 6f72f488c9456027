package io.briefaudio.api.audio;

import io.briefaudio.api.access.PublicEndpoint;
import io.briefaudio.api.listening.Attribution;
import io.briefaudio.api.listening.DownloadCounter;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.audio.AudioFileName;
import io.briefaudio.shared.storage.StoredObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import io.vertx.core.http.HttpServerRequest;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /audio/{filename}}: audio for browsers, players and CDNs. Objects never change under a name
 * (the name holds the content hash), so they are cached for a year and revalidated by ETag. The bytes each
 * response delivers are handed to {@link DownloadCounter} under the link's {@link Attribution}.
 */
@Path("/audio/{filename}")
@PublicEndpoint(signedLink = true)
public class AudioResource {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** With auth on, a shared cache must not hand one tenant's audio to whoever asks for the URL. */
    static final String PRIVATE_IMMUTABLE = "private, max-age=31536000, immutable";

    private final AudioService audio;
    private final AudioAccess access;
    private final DownloadCounter downloads;

    public AudioResource(AudioService audio, AudioAccess access, DownloadCounter downloads) {
        this.audio = audio;
        this.access = access;
        this.downloads = downloads;
    }

    /** Who asked, for counting: the link's attribution and the client (address and User-Agent). */
    private record Listener(Optional<Attribution> attribution, String address, String userAgent, OptionalLong tenant) {
    }

    @GET
    public Response get(@PathParam("filename") String filename, @QueryParam("download") String download,
                        @QueryParam("job") String job, @QueryParam("via") String via,
                        @QueryParam("exp") String exp, @QueryParam("sig") String sig, HttpHeaders headers,
                        @Context HttpServerRequest request) {
        Optional<Attribution> attribution = Attribution.parse(job, via);
        access.authorize(filename, exp, sig, attribution);
        String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        return answer(filename, isSet(download), headers,
                new Listener(attribution, address, headers.getHeaderString(HttpHeaders.USER_AGENT), access.callerTenant()));
    }

    @HEAD
    public Response head(@PathParam("filename") String filename, @QueryParam("download") String download,
                         @QueryParam("job") String job, @QueryParam("via") String via,
                         @QueryParam("exp") String exp, @QueryParam("sig") String sig, HttpHeaders headers) {
        access.authorize(filename, exp, sig, Attribution.parse(job, via));
        return answer(filename, isSet(download), headers, null);
    }

    /** {@code listener} is null for HEAD: no body, nothing delivered. */
    private Response answer(String filename, boolean download, HttpHeaders headers, Listener listener) {
        boolean withBody = listener != null;
        StoredObject object = audio.find(filename);
        String etag = etag(object);
        if (notModified(headers, etag, object.lastModified())) {
            return cacheHeaders(Response.notModified(), etag, object).build();
        }
        RangeRequest range = ifRangeHolds(headers, etag, object)
                ? RangeRequest.parse(headers.getHeaderString("Range"), object.sizeBytes())
                : new RangeRequest.Whole();
        if (range instanceof RangeRequest.Unsatisfiable) {
            throw new ApiProblem(ProblemType.RANGE_NOT_SATISFIABLE, "The object has " + object.sizeBytes() + " bytes",
                    Map.of("size", object.sizeBytes()))
                    .withHeaders(Map.of("Content-Range", "bytes */" + object.sizeBytes()));
        }
        long offset = range instanceof RangeRequest.Part part ? part.start() : 0;
        long length = range instanceof RangeRequest.Part part ? part.length() : object.sizeBytes();
        Optional<java.net.URI> redirect = withBody ? audio.redirectFor(object, download) : Optional.empty();
        if (redirect.isPresent()) {
            // Storage delivers the bytes, out of our sight: what was asked for is what counts.
            record(listener, object, offset, offset + length);
            // The URL expires; nobody may cache the redirect for longer than the object behind it.
            return Response.status(Response.Status.FOUND).location(redirect.get())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        Response.ResponseBuilder response = range instanceof RangeRequest.Part part
                ? Response.status(Response.Status.PARTIAL_CONTENT).header("Content-Range", part.contentRange(object.sizeBytes()))
                : Response.ok();
        cacheHeaders(response, etag, object)
                .type(AudioFileName.format(filename).contentType())
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes");
        if (download) {
            response.header("Content-Disposition", "attachment; filename=\"" + AudioFileName.downloadName(filename) + "\"");
        }
        if (withBody) {
            response.entity(stream(audio.open(object, offset, length), listener, object, offset));
        }
        return response.build();
    }

    /**
     * Copies through a small buffer as the client reads: memory stays flat however large the file. What was written
     * is recorded before the last flush, also when the client goes away midway (a player that stops buffering).
     */
    private StreamingOutput stream(InputStream in, Listener listener, StoredObject object, long offset) {
        return out -> {
            long written = 0;
            try (in) {
                byte[] buffer = new byte[16 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    written += n;
                }
            } finally {
                record(listener, object, offset, offset + written);
            }
        };
    }

    private void record(Listener listener, StoredObject object, long first, long end) {
        if (listener.attribution().isPresent() && end > first) {
            downloads.record(new DownloadCounter.Delivery(listener.attribution().get(), object.key(), first, end,
                    listener.address(), listener.userAgent(), listener.tenant()));
        }
    }

    private Response.ResponseBuilder cacheHeaders(Response.ResponseBuilder response, String etag, StoredObject object) {
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, httpDate(object.lastModified()))
                .header(HttpHeaders.CACHE_CONTROL, access.shared() ? IMMUTABLE : PRIVATE_IMMUTABLE);
    }

    /** Size and modification time: cheap for every provider, and changes whenever the bytes could have. */
    static String etag(StoredObject object) {
        return "\"" + Long.toHexString(object.sizeBytes()) + "-" + Long.toHexString(object.lastModified().toEpochMilli()) + "\"";
    }

    private static boolean notModified(HttpHeaders headers, String etag, Instant lastModified) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            // Weak comparison, as RFC 9110 prescribes for If-None-Match; If-Modified-Since is then ignored.
            return ifNoneMatch.trim().equals("*") || Arrays.stream(ifNoneMatch.split(","))
                    .map(tag -> tag.trim().replaceFirst("^W/", ""))
                    .anyMatch(etag::equals);
        }
        Optional<Instant> since = parseHttpDate(headers.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE));
        return since.isPresent() && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since.get());
    }

    /** {@code If-Range}: honour the range only if the client's copy is still the current one. */
    private static boolean ifRangeHolds(HttpHeaders headers, String etag, StoredObject object) {
        String ifRange = headers.getHeaderString("If-Range");
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.trim();
        return value.startsWith("\"") ? value.equals(etag) : value.equals(httpDate(object.lastModified()));
    }

    private static boolean isSet(String flag) {
        return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true"));
    }

    private static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Optional<Instant> parseHttpDate(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
