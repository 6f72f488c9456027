package io.briefaudio.worker.tts.xtts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RomanizerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "你好|ni3hao3",
            "我们的|wo3men5de5",
            "绿色|lv4se4",
            "中国人民银行|zhong1guo2ren2min2yin2xing2",
            "我用iPhone 15|wo3yong4iPhone 15",
    })
    void shouldWriteChineseAsToneNumberedPinyin(String chinese, String pinyin) {
        assertThat(Romanizer.chinese(chinese)).isEqualTo(pinyin);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "안녕하세요|annyeonghaseyo",
            "서울 날씨|seoul nalssi",
            "KBS 뉴스|KBS nyuseu",
    })
    void shouldTranscribeKoreanLetterByLetter(String korean, String latin) {
        assertThat(Romanizer.korean(korean)).isEqualTo(latin);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "今日は東京へ行きます。|kyou wa toukyou e ikimasu.",
            "私はコーヒーを飲みたい|watashi wa koohii o nomitai",
            "ニュースを読みます、|nyuusu o yomimasu,",
    })
    void shouldWriteJapaneseAsHepburnWordByWord(String japanese, String romaji) {
        assertThat(Romanizer.japanese(japanese)).isEqualTo(romaji);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"hǎo|hao3", "mā|ma1", "lǜ|lv4", "men|men5", "，|，"})
    void shouldMoveToneMarksToNumbers(String syllable, String numbered) {
        assertThat(Romanizer.toneNumbered(syllable)).isEqualTo(numbered);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"你好。|zh-cn|[zh-cn]ni3hao3。", "안녕 하세요|ko|[ko]annyeong[SPACE]haseyo",
            "東京へ|ja|[ja]toukyou[SPACE]e"})
    void shouldRomaniseBeforeTheLanguageTag(String text, String language, String prepared) {
        assertThat(XttsText.prepare(text, language)).isEqualTo(prepared);
    }
}
