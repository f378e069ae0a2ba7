package io.nextops.server.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A minimal reader of the small .xlsx files the round-trip tests download: sheet names, and for every cell its type
 * attribute, raw value and resolved number format. Reads the XML parts directly (DOM, test-sized files only), so the
 * assertions see exactly what was written. fastexcel-reader is not on the server's test classpath.
 */
final class Xlsx {
    /** One cell: {@code t} attribute ("n" when absent), the text or number as written, the number format code. */
    record Cell(String ref, String type, String value, String numberFormat, boolean bold) {}

    final List<String> sheetNames = new ArrayList<>();
    /** Per sheet (by position), rows of cells keyed by column letters. */
    final List<List<Map<String, Cell>>> sheets = new ArrayList<>();
    final List<String> autoFilters = new ArrayList<>();
    final List<String> panes = new ArrayList<>();

    static Xlsx read(byte[] bytes) throws Exception {
        Map<String, byte[]> parts = parts(bytes);
        Xlsx x = new Xlsx();
        Styles styles = Styles.read(xml(parts.get("xl/styles.xml")));
        NodeList sheets = xml(parts.get("xl/workbook.xml")).getElementsByTagName("sheet");
        for (int i = 0; i < sheets.getLength(); i++) {
            x.sheetNames.add(((Element) sheets.item(i)).getAttribute("name"));
            Document sheet = xml(parts.get("xl/worksheets/sheet" + (i + 1) + ".xml"));
            List<Map<String, Cell>> rows = new ArrayList<>();
            NodeList rowNodes = sheet.getElementsByTagName("row");
            for (int r = 0; r < rowNodes.getLength(); r++) {
                Map<String, Cell> cells = new LinkedHashMap<>();
                NodeList cs = ((Element) rowNodes.item(r)).getElementsByTagName("c");
                for (int c = 0; c < cs.getLength(); c++) {
                    Element cell = (Element) cs.item(c);
                    String ref = cell.getAttribute("r");
                    String type = cell.hasAttribute("t") ? cell.getAttribute("t") : "n";
                    String value = null;
                    if ("inlineStr".equals(type)) {
                        value = cell.getElementsByTagName("t").item(0).getTextContent();
                    } else if (cell.getElementsByTagName("v").getLength() > 0) {
                        value = cell.getElementsByTagName("v").item(0).getTextContent();
                    }
                    int s = cell.hasAttribute("s") ? Integer.parseInt(cell.getAttribute("s")) : 0;
                    cells.put(ref.replaceAll("\\d", ""), new Cell(ref, type, value, styles.format(s), styles.bold(s)));
                }
                rows.add(cells);
            }
            x.sheets.add(rows);
            NodeList af = sheet.getElementsByTagName("autoFilter");
            x.autoFilters.add(af.getLength() == 0 ? null : ((Element) af.item(0)).getAttribute("ref"));
            NodeList pane = sheet.getElementsByTagName("pane");
            x.panes.add(pane.getLength() == 0 ? null : ((Element) pane.item(0)).getAttribute("topLeftCell"));
        }
        return x;
    }

    /** Column widths of sheet 1 by 1-based column index. */
    static Map<Integer, Double> widths(byte[] bytes) throws Exception {
        Map<Integer, Double> out = new HashMap<>();
        NodeList cols = xml(parts(bytes).get("xl/worksheets/sheet1.xml")).getElementsByTagName("col");
        for (int i = 0; i < cols.getLength(); i++) {
            Element c = (Element) cols.item(i);
            int min = Integer.parseInt(c.getAttribute("min"));
            int max = Integer.parseInt(c.getAttribute("max"));
            for (int k = min; k <= max; k++) {
                out.put(k, Double.parseDouble(c.getAttribute("width")));
            }
        }
        return out;
    }

    /** Every part by name, read through the central directory (the writer streams entries with data descriptors). */
    private static Map<String, byte[]> parts(byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile("export", ".xlsx");
        try {
            Files.write(tmp, bytes);
            Map<String, byte[]> parts = new HashMap<>();
            try (ZipFile zip = new ZipFile(tmp.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        parts.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return parts;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Document xml(byte[] bytes) throws Exception {
        if (bytes == null) {
            throw new AssertionError("missing part");
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return f.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** cellXfs index -> number format code and bold font. */
    private record Styles(List<String> formats, List<Boolean> bold) {
        static Styles read(Document doc) {
            Map<String, String> codes = new HashMap<>();
            codes.put("0", "General");
            NodeList nf = doc.getElementsByTagName("numFmt");
            for (int i = 0; i < nf.getLength(); i++) {
                Element e = (Element) nf.item(i);
                codes.put(e.getAttribute("numFmtId"), e.getAttribute("formatCode"));
            }
            List<Boolean> fontBold = new ArrayList<>();
            NodeList fonts = ((Element) doc.getElementsByTagName("fonts").item(0)).getElementsByTagName("font");
            for (int i = 0; i < fonts.getLength(); i++) {
                fontBold.add(((Element) fonts.item(i)).getElementsByTagName("b").getLength() > 0);
            }
            List<String> formats = new ArrayList<>();
            List<Boolean> bold = new ArrayList<>();
            NodeList xfs = ((Element) doc.getElementsByTagName("cellXfs").item(0)).getElementsByTagName("xf");
            for (int i = 0; i < xfs.getLength(); i++) {
                Element xf = (Element) xfs.item(i);
                String id = xf.getAttribute("numFmtId");
                formats.add(codes.getOrDefault(id.isEmpty() ? "0" : id, "builtin:" + id));
                String font = xf.getAttribute("fontId");
                bold.add(!font.isEmpty() && fontBold.get(Integer.parseInt(font)));
            }
            return new Styles(formats, bold);
        }

        String format(int s) {
            return formats.get(s);
        }

        boolean bold(int s) {
            return bold.get(s);
        }
    }
}
