package io.nextops.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashingOptionsTest {

    @Test
    void defaultsToSha256In64KibChunks() {
        assertThat(HashingOptions.defaults()).isEqualTo(new HashingOptions("SHA-256", 65536));
    }

    @Test
    void withersChangeOneSetting() {
        HashingOptions options = HashingOptions.defaults().withAlgorithm("SHA-512").withChunkSizeBytes(8192);

        assertThat(options.algorithm()).isEqualTo("SHA-512");
        assertThat(options.chunkSizeBytes()).isEqualTo(8192);
    }

    @Test
    void rejectsAlgorithmTheJdkDoesNotProvide() {
        assertThatThrownBy(() -> HashingOptions.defaults().withAlgorithm("SHA-257"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm must be a MessageDigest algorithm this JDK provides, was 'SHA-257'");
        assertThatThrownBy(() -> HashingOptions.defaults().withAlgorithm(null))
                .hasMessageContaining("algorithm must be a MessageDigest algorithm name, was null");
    }

    @Test
    void rejectsChunkSizeOutsideBoundsNamingFieldAndValue() {
        assertThatThrownBy(() -> HashingOptions.defaults().withChunkSizeBytes(4095))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunkSizeBytes must be between 4096 and 16777216, was 4095");
        assertThatThrownBy(() -> HashingOptions.defaults().withChunkSizeBytes(16 * 1024 * 1024 + 1))
                .hasMessageEndingWith("was 16777217");
        assertThat(HashingOptions.defaults().withChunkSizeBytes(4096).chunkSizeBytes()).isEqualTo(4096);
    }
}
