package io.nextops.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadLimitsTest {

    @Test
    void defaultsAllowTenMebibytesOfAnyType() {
        UploadLimits limits = UploadLimits.defaults();

        assertThat(limits.maxBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(limits.allowedTypes()).containsExactlyInAnyOrder(FileType.values());
    }

    @Test
    void allowListKeepsOnlyTheNamedTypes() {
        UploadLimits limits = UploadLimits.defaults().withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON);

        assertThat(limits.allows(FileType.PDF)).isTrue();
        assertThat(limits.allows(FileType.HTML)).isFalse();
        assertThat(limits.allowedTypes()).containsExactly(FileType.PDF, FileType.XML, FileType.JSON);
    }

    @Test
    void rejectsNegativeMaxBytesNamingFieldAndValue() {
        assertThatThrownBy(() -> UploadLimits.defaults().withMaxBytes(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be >= 0, was -1");
    }

    @Test
    void rejectsAnEmptyAllowList() {
        assertThatThrownBy(() -> UploadLimits.defaults().withAllowedTypes(Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("allowedTypes must name at least one FileType");
    }
}
