package io.briefaudio.worker.tts.marks;

import io.briefaudio.worker.tts.text.Directives;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Prepared text split into what is spoken and the SSML marks standing in it: {@code {mark:…}} directives say
 * nothing, so they are taken out before narration plans its chunks, and each is remembered by its position in
 * what remains.
 */
public record MarkedText(String spoken, List<Mark> marks) {

    /** The {@code index}-th {@code <mark>} of the document, at {@code position} of the spoken text. */
    public record Mark(int index, String name, int position) {
    }

    public MarkedText {
        marks = List.copyOf(marks);
    }

    public static MarkedText of(String prepared) {
        Matcher m = Directives.MARK.matcher(prepared);
        StringBuilder spoken = new StringBuilder(prepared.length());
        List<Mark> marks = new ArrayList<>();
        int from = 0;
        while (m.find()) {
            spoken.append(prepared, from, m.start());
            marks.add(new Mark(Integer.parseInt(m.group(1)), Directives.markName(m), spoken.length()));
            from = m.end();
        }
        spoken.append(prepared, from, prepared.length());
        return new MarkedText(spoken.toString(), marks);
    }
}
