package io.nextops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestSamplerTest {

    @Test
    void samplesAboutOnePercentAtTheDefaultRate() {
        RequestSampler sampler = RequestSampler.seeded(0.01, 42);
        int draws = 100_000;
        int sampled = 0;
        for (int i = 0; i < draws; i++) {
            if (sampler.sample()) {
                sampled++;
            }
        }
        // expected 1000, standard deviation ~31.5: +-150 is ~5 sigma
        assertThat(sampled).isBetween(850, 1150);
    }

    @Test
    void threadLocalSamplerHasTheSameRate() {
        RequestSampler sampler = RequestSampler.of(0.1);
        int sampled = 0;
        for (int i = 0; i < 100_000; i++) {
            if (sampler.sample()) {
                sampled++;
            }
        }
        // expected 10000, standard deviation ~95
        assertThat(sampled).isBetween(9_500, 10_500);
    }

    @Test
    void zeroNeverAndOneAlwaysSamples() {
        RequestSampler never = RequestSampler.of(0.0);
        RequestSampler always = RequestSampler.of(1.0);
        for (int i = 0; i < 1000; i++) {
            assertThat(never.sample()).isFalse();
            assertThat(always.sample()).isTrue();
        }
    }

    @Test
    void seededSamplerIsReproducible() {
        RequestSampler a = RequestSampler.seeded(0.3, 7);
        RequestSampler b = RequestSampler.seeded(0.3, 7);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.sample()).isEqualTo(b.sample());
        }
    }
}
