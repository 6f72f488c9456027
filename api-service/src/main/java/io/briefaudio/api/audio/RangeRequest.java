package io.briefaudio.api.audio;

/**
 * What a request's {@code Range} header asks of an object of a given size (RFC 9110 §14). Only a single
 * byte range is honoured: players seek with one; several ranges are answered with the whole file, which
 * the RFC allows, and a header we cannot parse is ignored, as the RFC requires.
 */
sealed interface RangeRequest {

    /** No usable range: send everything. */
    record Whole() implements RangeRequest {
    }

    /** Bytes {@code start..end}, both inclusive, as in {@code Content-Range}. */
    record Part(long start, long end) implements RangeRequest {
        long length() {
            return end - start + 1;
        }

        String contentRange(long size) {
            return "bytes " + start + "-" + end + "/" + size;
        }
    }

    /** A well-formed range that lies outside the object: 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    static RangeRequest parse(String header, long size) {
        if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = header.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                // "bytes=-n": the last n bytes
                long suffix = parseDigits(last);
                if (suffix == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Part(Math.max(0, size - suffix), size - 1);
            }
            long start = parseDigits(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : parseDigits(last);
            if (end < start) {
                return new Whole(); // syntactically invalid: ignore the header
            }
            if (start >= size) {
                return new Unsatisfiable(); // also "bytes=N-" with N at or past the end
            }
            return new Part(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    /** Digits only: {@code Long.parseLong} would also take a sign. */
    private static long parseDigits(String text) {
        if (text.isEmpty() || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }
}
