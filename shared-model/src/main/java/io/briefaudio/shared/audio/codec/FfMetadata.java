package io.briefaudio.shared.audio.codec;

import java.util.List;

/** FFmpeg's metadata file format (ffmetadata): a title and chapters, as FFmpeg reads them with {@code -i}. */
final class FfMetadata {

    private FfMetadata() {
    }

    /**
     * @param asVorbisComments write the chapters as {@code CHAPTERnnn}/{@code CHAPTERnnnNAME} tags (the Ogg and
     *                         FLAC chapter convention) instead of {@code [CHAPTER]} sections
     */
    static String of(String title, List<Chapter> chapters, boolean asVorbisComments) {
        StringBuilder out = new StringBuilder(";FFMETADATA1\n");
        if (title != null) {
            out.append("title=").append(escape(title)).append('\n');
        }
        for (int i = 0; i < chapters.size(); i++) {
            Chapter chapter = chapters.get(i);
            if (asVorbisComments) {
                out.append("CHAPTER%03d=%s\n".formatted(i, clock(chapter.startMillis())))
                        .append("CHAPTER%03dNAME=%s\n".formatted(i, escape(chapter.title())));
            } else {
                out.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(chapter.startMillis())
                        .append("\nEND=").append(chapter.endMillis())
                        .append("\ntitle=").append(escape(chapter.title())).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code HH:MM:SS.mmm}, as the Ogg chapter convention writes a start. */
    static String clock(long millis) {
        return "%02d:%02d:%02d.%03d".formatted(millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000);
    }

    /** Backslash before the characters ffmetadata treats specially; line breaks become spaces. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char ch : value.toCharArray()) {
            if (ch == '\n' || ch == '\r') {
                out.append(' ');
                continue;
            }
            if (ch == '=' || ch == ';' || ch == '#' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
