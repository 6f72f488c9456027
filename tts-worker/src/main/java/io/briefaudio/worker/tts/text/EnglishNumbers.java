package io.briefaudio.worker.tts.text;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** How English speaks what ICU's spell-out cannot: money with cents, clock times, ordinals, decades, dates. */
final class EnglishNumbers {

    /** Singular and plural of a currency and of its hundredth; a null hundredth means none is spoken. */
    private record Money(String one, String many, String centOne, String centMany) {
    }

    private static final Map<String, Money> MONEY = Map.of(
            "$", new Money("dollar", "dollars", "cent", "cents"),
            "€", new Money("euro", "euros", "cent", "cents"),
            "£", new Money("pound", "pounds", "penny", "pence"),
            "¥", new Money("yen", "yen", null, null),
            "₹", new Money("rupee", "rupees", "paisa", "paise"),
            "₽", new Money("ruble", "rubles", "kopek", "kopeks"),
            "₺", new Money("lira", "lira", "kuruş", "kuruş"),
            "₩", new Money("won", "won", null, null));

    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
    private static final Pattern CLOCK = Pattern.compile(
            "(?<![\\d:.])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])(?:\\s?([aApP])\\.?\\s?[mM](?:\\.(?=\\s*[\\p{Ll}\\d,;:]))?(?![\\w]))?");
    private static final Pattern HOUR_MERIDIEM = Pattern.compile(
            "(?<![\\d:.])(1[0-2]|0?[1-9])\\s?([aApP])\\.?\\s?[mM](?:\\.(?=\\s*[\\p{Ll}\\d,;:]))?(?!\\w)");
    private static final Pattern ORDINAL = Pattern.compile("(?<![\\d.])(\\d{1,9})(st|nd|rd|th)(?!\\w)");
    private static final Pattern DECADE = Pattern.compile("(?<![\\d.])(1[1-9]|20)(\\d)0s(?!\\w)");

    private EnglishNumbers() {
    }

    static String dates(String text, NumberSpeller speller) {
        return NumberSpeller.replace(text, ISO_DATE, m -> {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
                        + speller.ordinal(date.getDayOfMonth()) + ", " + speller.year(date.getYear());
            } catch (DateTimeException notADate) {
                return null;
            }
        });
    }

    static String money(String symbol, BigDecimal value, String scaleWord, NumberSpeller speller) {
        Money money = MONEY.get(symbol);
        if (scaleWord != null) {
            return speller.spell(value) + " " + scaleWord + " " + money.many();
        }
        BigDecimal whole = new BigDecimal(value.toBigInteger());
        BigDecimal fraction = value.subtract(whole);
        boolean cents = money.centOne() != null && value.scale() == 2;
        if (!cents || fraction.signum() == 0) {
            String unit = value.compareTo(BigDecimal.ONE) == 0 ? money.one() : money.many();
            return speller.spell(cents ? whole : value) + " " + unit;
        }
        int hundredths = fraction.movePointRight(2).intValue();
        String centWords = speller.spell(BigDecimal.valueOf(hundredths)) + " "
                + (hundredths == 1 ? money.centOne() : money.centMany());
        if (whole.signum() == 0) {
            return centWords;
        }
        return speller.spell(whole) + " " + (whole.compareTo(BigDecimal.ONE) == 0 ? money.one() : money.many())
                + " and " + centWords;
    }

    static String timesOrdinalsAndDecades(String text, NumberSpeller speller) {
        String out = NumberSpeller.replace(text, CLOCK, m -> {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            String meridiem = m.group(3) == null ? "" : " " + m.group(3).toLowerCase(Locale.ROOT) + " m";
            String minutes;
            if (minute == 0) {
                minutes = !meridiem.isEmpty() ? "" : hour > 12 || hour == 0 ? " hundred" : " o'clock";
            } else {
                minutes = (minute < 10 ? " oh " : " ") + speller.spell(BigDecimal.valueOf(minute));
            }
            return speller.spell(BigDecimal.valueOf(hour)) + minutes + meridiem;
        });
        out = NumberSpeller.replace(out, HOUR_MERIDIEM, m -> speller.spell(m.group(1)) + " "
                + m.group(2).toLowerCase(Locale.ROOT) + " m");
        out = NumberSpeller.replace(out, ORDINAL, m -> speller.ordinal(Long.parseLong(m.group(1))));
        return NumberSpeller.replace(out, DECADE, m -> {
            String words = speller.year(Integer.parseInt(m.group(1) + m.group(2) + "0"));
            return words.endsWith("y") ? words.substring(0, words.length() - 1) + "ies" : words + "s";
        });
    }
}
