package io.briefaudio.worker.tts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Common written abbreviations spelled out per language, so no engine guesses at them. */
final class Abbreviations {

    /** Titles stand before a name, so their period never ends a sentence. */
    private record Rule(Pattern pattern, String spoken, boolean title) {
    }

    private static final Map<String, List<Rule>> RULES = Map.of(
            "en", concat(rules(true, "Mr.", "Mister", "Mrs.", "Missus", "Ms.", "Miz", "Dr.", "Doctor", "Prof.", "Professor",
                    "St.", "Saint", "Gov.", "Governor", "Sen.", "Senator", "Rep.", "Representative",
                    "Gen.", "General", "Lt.", "Lieutenant", "Capt.", "Captain", "Col.", "Colonel", "Maj.", "Major",
                    "Sgt.", "Sergeant", "Adm.", "Admiral", "Cmdr.", "Commander", "Rev.", "Reverend", "Hon.", "Honorable",
                    "Pres.", "President", "Supt.", "Superintendent", "Mt.", "Mount"),
                    rules(false, "e.g.", "for example", "i.e.", "that is", "etc.", "et cetera",
                            "vs.", "versus", "approx.", "approximately", "Inc.", "Incorporated", "Ltd.", "Limited",
                            "Corp.", "Corporation", "Co.", "Company", "Jr.", "Junior", "Sr.", "Senior", "Esq.", "Esquire",
                            "Jan.", "January", "Feb.", "February", "Aug.", "August", "Sept.", "September",
                            "Oct.", "October", "Nov.", "November", "Dec.", "December",
                            "U.S.", "U S", "U.K.", "U K", "U.N.", "U N", "E.U.", "E U")),
            "de", concat(rules(true, "Dr.", "Doktor", "Prof.", "Professor", "Nr.", "Nummer", "Hr.", "Herr", "Fr.", "Frau"),
                    rules(false, "z. B.", "zum Beispiel", "z.B.", "zum Beispiel", "d. h.", "das heißt",
                            "d.h.", "das heißt", "usw.", "und so weiter", "bzw.", "beziehungsweise", "ca.", "circa",
                            "Mio.", "Millionen", "Mrd.", "Milliarden", "u. a.", "unter anderem", "u.a.", "unter anderem")),
            "fr", concat(rules(true, "M.", "Monsieur", "Mme", "Madame", "Mlle", "Mademoiselle", "Dr", "Docteur"),
                    rules(false, "etc.", "et cetera", "env.", "environ", "p. ex.", "par exemple")),
            "es", concat(rules(true, "Sr.", "Señor", "Sra.", "Señora", "Dr.", "Doctor", "Dra.", "Doctora"),
                    rules(false, "etc.", "etcétera", "p. ej.", "por ejemplo", "aprox.", "aproximadamente")));

    private Abbreviations() {
    }

    static String expand(String text, String language) {
        String out = text;
        for (Rule rule : RULES.getOrDefault(language, List.of())) {
            out = apply(rule, out, !"de".equals(language));
        }
        return out;
    }

    /** German capitalises every noun, so there a capital letter does not tell that a sentence began. */
    private static String apply(Rule rule, String text, boolean capitalStartsSentence) {
        Matcher m = rule.pattern().matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            boolean endsSentence = !rule.title() && m.group().endsWith(".")
                    && sentenceFollows(text, m.end(), capitalStartsSentence);
            m.appendReplacement(out, Matcher.quoteReplacement(rule.spoken() + (endsSentence ? "." : "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "etc." at the end of a sentence also carries the full stop; keep it so the sentence still ends. */
    private static boolean sentenceFollows(String text, int index, boolean capitalStartsSentence) {
        int i = index;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i == text.length() || text.charAt(i) == '\n'
                || (capitalStartsSentence && i > index && Character.isUpperCase(text.charAt(i)));
    }

    private static List<Rule> rules(boolean title, String... writtenThenSpoken) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < writtenThenSpoken.length; i += 2) {
            rules.add(new Rule(pattern(writtenThenSpoken[i]), writtenThenSpoken[i + 1], title));
        }
        return rules;
    }

    private static List<Rule> concat(List<Rule> titles, List<Rule> others) {
        List<Rule> all = new ArrayList<>(titles);
        all.addAll(others);
        return List.copyOf(all);
    }

    private static Pattern pattern(String written) {
        String quoted = Pattern.quote(written).replace(" ", "\\E\\s?\\Q");
        String end = written.endsWith(".") ? "" : "(?!\\w)";
        return Pattern.compile("(?<![\\w.])" + quoted + end);
    }
}
