package io.briefaudio.worker.tts.xtts;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XTTS cleaners' symbol words (docs/spec §2.2 step 6): {@code &}, {@code @}, {@code %}, {@code #},
 * {@code $}, {@code £}, {@code °} spoken in the text's language, as Coqui's multilingual cleaners do.
 * Without them the symbols reach the tokenizer, which has no token for most of them ({@code [UNK]}).
 */
final class XttsSymbols {

    private static final String SYMBOLS = "&@%#$£°";

    /** Per language, the words for {@link #SYMBOLS} in that order. */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("en", new String[] {"and", "at", "percent", "hash", "dollar", "pound", "degree"}),
            Map.entry("es", new String[] {"y", "arroba", "por ciento", "numeral", "dolar", "libra", "grados"}),
            Map.entry("fr", new String[] {"et", "arobase", "pour cent", "dièse", "dollar", "livre", "degrés"}),
            Map.entry("de", new String[] {"und", "at", "prozent", "raute", "dollar", "pfund", "grad"}),
            Map.entry("pt", new String[] {"e", "arroba", "por cento", "cardinal", "dólar", "libra", "graus"}),
            Map.entry("it", new String[] {"e", "chiocciola", "per cento", "cancelletto", "dollaro", "sterlina", "gradi"}),
            Map.entry("pl", new String[] {"i", "małpa", "procent", "krzyżyk", "dolar", "funt", "stopnie"}),
            Map.entry("ar", new String[] {"و", "على", "في المئة", "رقم", "دولار", "جنيه", "درجة"}),
            Map.entry("zh", new String[] {"和", "在", "百分之", "号", "美元", "英镑", "度"}),
            Map.entry("cs", new String[] {"a", "na", "procento", "křížek", "dolar", "libra", "stupně"}),
            Map.entry("ru", new String[] {"и", "собака", "проценты", "номер", "доллар", "фунт", "градус"}),
            Map.entry("nl", new String[] {"en", "bij", "procent", "hekje", "dollar", "pond", "graden"}),
            Map.entry("tr", new String[] {"ve", "at", "yüzde", "diyez", "dolar", "sterlin", "derece"}),
            Map.entry("hu", new String[] {"és", "kukac", "százalék", "kettőskereszt", "dollár", "font", "fok"}),
            Map.entry("ko", new String[] {"그리고", "에", "퍼센트", "번호", "달러", "파운드", "도"}),
            Map.entry("hi", new String[] {"और", "ऐट", "प्रतिशत", "हैश", "डॉलर", "पाउंड", "डिग्री"}),
            Map.entry("ja", new String[] {"と", "アット", "パーセント", "シャープ", "ドル", "ポンド", "度"}));

    private static final Pattern SYMBOL = Pattern.compile("[" + Pattern.quote(SYMBOLS) + "]");

    private XttsSymbols() {
    }

    /** The text with every symbol replaced by its word, set off by spaces. */
    static String spell(String text, String baseLanguage) {
        String[] words = WORDS.getOrDefault(baseLanguage, WORDS.get("en"));
        Matcher m = SYMBOL.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(" " + words[SYMBOLS.indexOf(m.group())] + " "));
        }
        m.appendTail(out);
        return out.toString();
    }
}
