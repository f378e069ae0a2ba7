package io.nextops.invoices.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void cleanRemovesControlCharactersAndTruncatesTo500WithoutSplittingSurrogates() {
        assertThat(FileNames.clean("evil\u0000na\u0007me\r\n.pdf")).isEqualTo("evilname.pdf");
        assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("../../etc/passwd");
        assertThat(FileNames.clean("x".repeat(1000))).hasSize(500);
        String emoji = "x".repeat(499) + "\uD83D\uDCC4" + "tail";
        assertThat(FileNames.clean(emoji)).isEqualTo("x".repeat(499));
        assertThat(FileNames.clean(" \u0000 ")).isEqualTo("upload");
        assertThat(FileNames.clean(null)).isEqualTo("upload");
    }

    @Test
    void contentDispositionHasAnAsciiFallbackAndAnRfc5987Name() {
        assertThat(FileNames.contentDisposition("factura ñ \"1\".pdf")).isEqualTo(
                "attachment; filename=\"factura _ _1_.pdf\"; filename*=UTF-8''factura%20%C3%B1%20%221%22.pdf");
        assertThat(FileNames.contentDisposition("../../etc/passwd"))
                .isEqualTo("attachment; filename=\"passwd\"; filename*=UTF-8''passwd");
        assertThat(FileNames.contentDisposition("a\\b;c\r\n.xml"))
                .isEqualTo("attachment; filename=\"b;c.xml\"; filename*=UTF-8''b%3Bc.xml");
    }

    @Test
    void temporaryNumbersHaveTwelveUpperCaseHexCharacters() {
        assertThat(UploadBatch.temporaryNumber()).matches("TEMP-[0-9A-F]{12}");
        assertThat(UploadBatch.megabytes(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(UploadBatch.typeError(io.nextops.hashing.FileType.EMPTY)).isEqualTo("The file is empty.");
    }
}
