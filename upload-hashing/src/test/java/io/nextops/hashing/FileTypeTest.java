package io.nextops.hashing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTypeTest {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void detectsPdfByMagic() {
        assertThat(detect("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj")).isEqualTo(FileType.PDF);
        assertThat(detect("%PDF")).as("too short for the magic").isEqualTo(FileType.UNKNOWN);
        assertThat(detect(" %PDF-1.4")).as("magic must be at offset 0").isEqualTo(FileType.UNKNOWN);
    }

    @Test
    void detectsPngAndJpegByMagic() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};

        assertThat(detect(png)).isEqualTo(FileType.PNG);
        assertThat(detect(jpeg)).isEqualTo(FileType.JPEG);
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).as("short").isEqualTo(FileType.UNKNOWN);
    }

    @Test
    void zipWithAnXlEntryIsXlsxEvenWhenEntrySizesAreInDataDescriptors() throws IOException {
        byte[] xlsx = zip(new String[] {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"}, 200);

        assertThat(detect(xlsx)).isEqualTo(FileType.XLSX);
    }

    @Test
    void zipWithoutAnXlEntryInTheSniffedBytesIsZip() throws IOException {
        assertThat(detect(zip(new String[] {"a.txt", "b.txt"}, 10))).isEqualTo(FileType.ZIP);
        // documented limit: an xl/ entry beyond the first 4 KiB is not seen
        assertThat(detect(zip(new String[] {"big.bin", "xl/workbook.xml"}, 8192))).isEqualTo(FileType.ZIP);
        assertThat(detect(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0})).as("empty archive").isEqualTo(FileType.ZIP);
    }

    @Test
    void detectsXmlByDeclarationOrLeadingAngleBracket() {
        assertThat(detect("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invoice/>")).isEqualTo(FileType.XML);
        assertThat(detect("<Invoice xmlns=\"urn:oasis\"></Invoice>")).isEqualTo(FileType.XML);
        assertThat(detect("<")).as("one byte").isEqualTo(FileType.XML);
        assertThat(detect("<header><bodega/></header>")).as("tag names that merely start like HTML ones")
                .isEqualTo(FileType.XML);
    }

    @Test
    void skipsBomAndWhitespaceBeforeXmlAndJson() {
        assertThat(detect(concat(UTF8_BOM, " \r\n\t<?xml version=\"1.0\"?><a/>".getBytes(UTF_8)))).isEqualTo(FileType.XML);
        assertThat(detect(concat(UTF8_BOM, "\n\n  {\"a\": 1}".getBytes(UTF_8)))).isEqualTo(FileType.JSON);
        assertThat(detect(concat(UTF8_BOM, "[1, 2]".getBytes(UTF_8)))).isEqualTo(FileType.JSON);
        assertThat(detect(" ".repeat(3000) + "[]")).as("whitespace inside the sniff window").isEqualTo(FileType.JSON);
    }

    @Test
    void readsUtf16ContentAfterItsBom() {
        assertThat(detect(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "\n<?xml version=\"1.0\"?>".getBytes(UTF_16LE))))
                .isEqualTo(FileType.XML);
        assertThat(detect(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, " {\"a\":1}".getBytes(UTF_16BE))))
                .isEqualTo(FileType.JSON);
    }

    @Test
    void detectsJsonObjectsAndArrays() {
        assertThat(detect("{\"numero_factura\": \"F-1\"}")).isEqualTo(FileType.JSON);
        assertThat(detect("[{}]")).isEqualTo(FileType.JSON);
        assertThat(detect("{")).as("one byte").isEqualTo(FileType.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<!DOCTYPE html><html>", "<html><body>", "\n  <HTML>", "<head><title>", "<body>",
        "<script>alert(1)</script>"})
    void tellsHtmlApartFromXml(String content) {
        assertThat(detect(content)).isEqualTo(FileType.HTML);
    }

    @Test
    void emptyContentIsEmpty() {
        assertThat(FileType.detect(new byte[0], 0)).isEqualTo(FileType.EMPTY);
        assertThat(FileType.detect(new byte[10], 0)).isEqualTo(FileType.EMPTY);
    }

    @Test
    void shortOrUnrecognisedContentIsUnknown() {
        assertThat(detect("a")).isEqualTo(FileType.UNKNOWN);
        assertThat(detect("   \r\n")).as("whitespace only").isEqualTo(FileType.UNKNOWN);
        assertThat(detect(UTF8_BOM)).as("BOM only").isEqualTo(FileType.UNKNOWN);
        assertThat(detect("numero;monto\n1;2\n")).as("CSV").isEqualTo(FileType.UNKNOWN);
        assertThat(detect(new byte[] {0, 1, 2, 3, 4})).isEqualTo(FileType.UNKNOWN);
        assertThat(detect(" ".repeat(FileType.SNIFF_BYTES) + "{}")).as("beyond the sniff window")
                .isEqualTo(FileType.UNKNOWN);
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] buffer = "%PDF-1.7".getBytes(US_ASCII);

        assertThat(FileType.detect(buffer, 3)).isEqualTo(FileType.UNKNOWN);
        assertThatThrownBy(() -> FileType.detect(buffer, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("length must be between 0 and 8, was 9");
    }

    @Test
    void carriesMimeTypeAndExtension() {
        assertThat(FileType.PDF.mimeType()).isEqualTo("application/pdf");
        assertThat(FileType.XLSX.extension()).isEqualTo("xlsx");
        assertThat(FileType.UNKNOWN.mimeType()).isEqualTo("application/octet-stream");
    }

    private static FileType detect(String content) {
        return detect(content.getBytes(UTF_8));
    }

    private static FileType detect(byte[] content) {
        return FileType.detect(content, content.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A ZIP as java.util.zip writes it: deflated entries, sizes in data descriptors after the data. */
    private static byte[] zip(String[] names, int randomBytesPerEntry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(TestStreams.deterministicBytes(randomBytesPerEntry));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
