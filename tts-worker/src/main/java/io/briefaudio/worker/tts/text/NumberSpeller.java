package io.briefaudio.worker.tts.text;

import com.ibm.icu.number.LocalizedNumberFormatter;
import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.number.NumberFormatter.UnitWidth;
import com.ibm.icu.number.Precision;
import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.MeasureUnit;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes numbers out as words with ICU's spell-out rules for the brief's language; this class only finds
 * them in the text and knows the few things ICU does not say: money with cents, clock times, decades.
 * Not thread-safe (ICU's rule-based formats are not): make one per text.
 */
final class NumberSpeller {

    private static final Map<String, String> CURRENCY_BY_SYMBOL = Map.of(
            "$", "USD", "€", "EUR", "£", "GBP", "¥", "JPY", "₹", "INR", "₽", "RUB", "₺", "TRY", "₩", "KRW");
    private static final Map<String, MeasureUnit> UNITS = Map.ofEntries(
            Map.entry("km", MeasureUnit.KILOMETER), Map.entry("cm", MeasureUnit.CENTIMETER),
            Map.entry("mm", MeasureUnit.MILLIMETER), Map.entry("kg", MeasureUnit.KILOGRAM),
            Map.entry("mg", MeasureUnit.MILLIGRAM), Map.entry("mi", MeasureUnit.MILE),
            Map.entry("mph", MeasureUnit.MILE_PER_HOUR), Map.entry("km/h", MeasureUnit.KILOMETER_PER_HOUR),
            Map.entry("°C", MeasureUnit.CELSIUS), Map.entry("°F", MeasureUnit.FAHRENHEIT),
            Map.entry("lb", MeasureUnit.POUND), Map.entry("lbs", MeasureUnit.POUND),
            Map.entry("kWh", MeasureUnit.KILOWATT_HOUR), Map.entry("kW", MeasureUnit.KILOWATT),
            Map.entry("MW", MeasureUnit.MEGAWATT), Map.entry("GW", MeasureUnit.GIGAWATT),
            Map.entry("MB", MeasureUnit.MEGABYTE), Map.entry("GB", MeasureUnit.GIGABYTE),
            Map.entry("TB", MeasureUnit.TERABYTE), Map.entry("km²", MeasureUnit.SQUARE_KILOMETER));
    private static final List<String> YEAR_LANGUAGES = List.of("en", "de", "nl");
    private static final int LONGEST_SPOKEN_AS_NUMBER = 15;

    private final String language;
    private final ULocale locale;
    private final RuleBasedNumberFormat cardinal;
    private final RuleBasedNumberFormat ordinal;
    private final RuleBasedNumberFormat year;
    private final char decimalSeparator;
    private final String groupingSeparators;
    private final Pattern moneyBefore;
    private final Pattern moneyAfter;
    private final Pattern percent;
    private final Pattern unit;
    private final Pattern signedNumber;

    NumberSpeller(String language) {
        this.language = language;
        this.locale = ULocale.forLanguageTag(language + "-u-nu-latn");
        this.cardinal = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
        this.ordinal = ruleSet(switch (language) {
            case "en" -> "%spellout-ordinal";
            case "fr" -> "%spellout-ordinal-masculine";
            default -> null;
        });
        this.year = YEAR_LANGUAGES.contains(language) ? ruleSet("%spellout-numbering-year") : null;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.decimalSeparator = symbols.getDecimalSeparator();
        char grouping = symbols.getGroupingSeparator();
        // Where print groups digits with a (narrow) no-break space, people type a plain space too.
        this.groupingSeparators = Character.isSpaceChar(grouping) ? " \u00a0\u202f" : String.valueOf(grouping);
        String group = "[" + Pattern.quote(groupingSeparators) + "]";
        String decimal = Pattern.quote(String.valueOf(decimalSeparator));
        String num = "(?<!\\d)(?:\\d{1,3}(?:" + group + "\\d{3})+(?:" + decimal + "\\d+)?|\\d+(?:" + decimal + "\\d+)?)(?!\\d)";
        String symbolsClass = "([$€£¥₹₽₺₩])";
        String scale = "en".equals(language)
                ? "(?:\\s?(thousand|million|billion|trillion)(?!\\w)|(k|m|bn|tn)(?!\\w))?" : "()()";
        this.moneyBefore = Pattern.compile(symbolsClass + "\\s?(" + num + ")" + scale);
        this.moneyAfter = Pattern.compile("(" + num + ")\\s?" + symbolsClass);
        this.percent = Pattern.compile("(" + num + ")\\s?%");
        String units = String.join("|", UNITS.keySet().stream().sorted((a, b) -> b.length() - a.length())
                .map(Pattern::quote).toList());
        this.unit = Pattern.compile("(" + num + ")\\s?(" + units + ")(?![\\p{L}\\d])");
        this.signedNumber = Pattern.compile("((?<![^\\s(])[-−])?(" + num + ")");
    }

    String expand(String text) {
        String out = text;
        if ("en".equals(language)) {
            out = EnglishNumbers.dates(out, this);
        }
        out = replace(out, moneyBefore, m -> money(m.group(1), m.group(2), scaleWord(m.group(3), m.group(4))));
        out = replace(out, moneyAfter, m -> money(m.group(2), m.group(1), null));
        out = replace(out, percent, m -> withUnit(parse(m.group(1)), MeasureUnit.PERCENT));
        out = replace(out, unit, m -> withUnit(parse(m.group(1)), UNITS.get(m.group(2))));
        out = switch (language) {
            case "en" -> EnglishNumbers.timesOrdinalsAndDecades(out, this);
            case "de" -> replace(out, Pattern.compile("(?<![\\d:])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])"),
                    m -> spell(m.group(1)) + " Uhr" + ("00".equals(m.group(2)) ? "" : " " + spell(m.group(2))));
            case "fr" -> replace(out, Pattern.compile("(?<!\\d)(\\d+)(?:er|re|ème|eme|e)(?!\\w)"),
                    m -> ordinal(Integer.parseInt(m.group(1))));
            default -> out;
        };
        if (year != null) {
            out = replace(out, Pattern.compile("(?<![\\d$€£¥])(1[1-9]\\d\\d|20\\d\\d)(?![\\d%]|[.,]\\d)"),
                    m -> year(Integer.parseInt(m.group(1))));
        }
        return replace(out, signedNumber, m -> {
            String spoken = spellNumber(m.group(2));
            return m.group(1) == null ? spoken : spell(BigDecimal.ONE.negate()).replace(spell(BigDecimal.ONE), "")
                    .strip() + " " + spoken;
        });
    }

    /** Cardinal words for a written number; long digit runs and leading zeros are read digit by digit. */
    String spellNumber(String written) {
        String digitsOnly = written.replaceAll("\\D", "");
        boolean code = digitsOnly.length() > LONGEST_SPOKEN_AS_NUMBER
                || (written.length() > 1 && written.charAt(0) == '0' && written.indexOf(decimalSeparator) != 1);
        if (code) {
            return String.join(" ", Arrays.stream(written.split("")).filter(c -> Character.isDigit(c.charAt(0)))
                    .map(this::spell).toList());
        }
        return spell(parse(written));
    }

    String spell(String digits) {
        return spell(new BigDecimal(digits));
    }

    String spell(BigDecimal value) {
        return clean(cardinal.format(value));
    }

    String ordinal(long value) {
        return ordinal == null ? spell(BigDecimal.valueOf(value)) : clean(ordinal.format(value));
    }

    String year(int value) {
        return clean(year.format(value));
    }

    BigDecimal parse(String written) {
        StringBuilder plain = new StringBuilder(written.length());
        for (char c : written.toCharArray()) {
            if (c == decimalSeparator) {
                plain.append('.');
            } else if (groupingSeparators.indexOf(c) < 0) {
                plain.append(c);
            }
        }
        return new BigDecimal(plain.toString());
    }

    /** Number and unit in the language's words, e.g. "2.4 percent" with the number spelled out. */
    private String withUnit(BigDecimal value, MeasureUnit unit) {
        LocalizedNumberFormatter formatter = NumberFormatter.withLocale(locale).unit(unit)
                .unitWidth(UnitWidth.FULL_NAME).precision(Precision.unlimited());
        String formatted = formatter.format(value).toString();
        int first = -1;
        int last = -1;
        for (int i = 0; i < formatted.length(); i++) {
            if (Character.isDigit(formatted.charAt(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return spell(value) + " " + formatted.strip();
        }
        return (formatted.substring(0, first) + spell(value) + formatted.substring(last + 1)).strip();
    }

    private String money(String symbol, String amount, String scaleWord) {
        BigDecimal value = parse(amount);
        if ("en".equals(language)) {
            return EnglishNumbers.money(symbol, value, scaleWord, this);
        }
        return withUnit(value, Currency.getInstance(CURRENCY_BY_SYMBOL.get(symbol)));
    }

    private static String scaleWord(String word, String abbreviation) {
        if (word != null && !word.isEmpty()) {
            return word;
        }
        if (abbreviation == null || abbreviation.isEmpty()) {
            return null;
        }
        return switch (abbreviation) {
            case "k" -> "thousand";
            case "m" -> "million";
            case "bn" -> "billion";
            default -> "trillion";
        };
    }

    private RuleBasedNumberFormat ruleSet(String name) {
        if (name == null || !Arrays.asList(cardinal.getRuleSetNames()).contains(name)) {
            return null;
        }
        RuleBasedNumberFormat format = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
        format.setDefaultRuleSet(name);
        return format;
    }

    /** ICU marks compound-word joints with soft hyphens; a speech engine must not see them. */
    private static String clean(String words) {
        return words.replace("\u00ad", "");
    }

    /** Replaces each match with spoken words, keeping a space between the words and adjacent letters. */
    static String replace(String text, Pattern pattern, Function<Matcher, String> speak) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        while (m.find()) {
            String spoken = speak.apply(m);
            if (spoken == null) {
                continue;
            }
            out.append(text, last, m.start());
            if (m.start() > 0 && Character.isLetterOrDigit(text.charAt(m.start() - 1))) {
                out.append(' ');
            }
            out.append(spoken);
            if (m.end() < text.length() && Character.isLetterOrDigit(text.charAt(m.end()))) {
                out.append(' ');
            }
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
