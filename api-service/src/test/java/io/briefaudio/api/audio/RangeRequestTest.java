package io.briefaudio.api.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTest {

    @Test
    void shouldRefuseOpenRangeStartingAtTheEnd() {
        assertThat(RangeRequest.parse("bytes=1000-", 1000)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=5000-", 1000)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=0-", 0)).isInstanceOf(RangeRequest.Unsatisfiable.class);
    }

    @Test
    void shouldServeOpenRangeFromTheLastByte() {
        assertThat(RangeRequest.parse("bytes=999-", 1000)).isEqualTo(new RangeRequest.Part(999, 999));
        assertThat(RangeRequest.parse("bytes=0-", 1000)).isEqualTo(new RangeRequest.Part(0, 999));
    }

    @Test
    void shouldStillIgnoreBackwardsRanges() {
        assertThat(RangeRequest.parse("bytes=5-2", 1000)).isInstanceOf(RangeRequest.Whole.class);
    }

    @Test
    void shouldClampEndPastTheObject() {
        assertThat(RangeRequest.parse("bytes=10-99999", 1000)).isEqualTo(new RangeRequest.Part(10, 999));
    }
}
