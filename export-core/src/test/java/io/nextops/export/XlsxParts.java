package io.nextops.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads what fastexcel-reader does not expose (fills, fonts, borders, alignment, panes, autofilter) straight from the
 * XML parts of an .xlsx, so tests can assert on the look of a cell.
 */
final class XlsxParts {

    private final Map<String, String> parts;
    private final Document styles;

    XlsxParts(byte[] xlsx) throws Exception {
        this.parts = unzip(xlsx);
        this.styles = parse(part("xl/styles.xml"));
    }

    String part(String name) {
        String xml = parts.get(name);
        if (xml == null) {
            throw new AssertionError("no part " + name + " in " + parts.keySet());
        }
        return xml;
    }

    /** The look of one cell, e.g. {@code style(1, "D2")}. */
    CellStyle style(int sheet, String ref) throws Exception {
        Document doc = parse(part("xl/worksheets/sheet" + sheet + ".xml"));
        Element cell = (Element) xpath(doc, "//*[local-name()='c'][@r='" + ref + "']").item(0);
        if (cell == null) {
            throw new AssertionError("no cell " + ref + " in sheet " + sheet);
        }
        int xfIndex = cell.hasAttribute("s") ? Integer.parseInt(cell.getAttribute("s")) : 0;
        Element xf = (Element) xpath(styles, "//*[local-name()='cellXfs']/*[local-name()='xf']").item(xfIndex);
        int numFmtId = Integer.parseInt(xf.getAttribute("numFmtId"));
        String numFmt = null;
        NodeList fmts = xpath(styles, "//*[local-name()='numFmt'][@numFmtId='" + numFmtId + "']");
        if (fmts.getLength() > 0) {
            numFmt = ((Element) fmts.item(0)).getAttribute("formatCode");
        }
        Element font = (Element) xpath(styles, "//*[local-name()='fonts']/*[local-name()='font']")
                .item(Integer.parseInt(xf.getAttribute("fontId")));
        Element fill = (Element) xpath(styles, "//*[local-name()='fills']/*[local-name()='fill']")
                .item(Integer.parseInt(xf.getAttribute("fillId")));
        Element border = (Element) xpath(styles, "//*[local-name()='borders']/*[local-name()='border']")
                .item(Integer.parseInt(xf.getAttribute("borderId")));
        NodeList alignments = xf.getElementsByTagNameNS("*", "alignment");
        Element alignment = alignments.getLength() == 0 ? null : (Element) alignments.item(0);
        return new CellStyle(numFmtId, numFmt,
                attr(font, "name", "val"), attr(font, "sz", "val"), font.getElementsByTagNameNS("*", "b").getLength() > 0,
                attr(font, "color", "rgb"),
                attr(fill, "patternFill", "patternType"), attr(fill, "fgColor", "rgb"),
                attr(border, "left", "style"), attr(border, "top", "style"), attr(border, "right", "style"),
                attr(border, "bottom", "style"), attr(border, "color", "rgb"),
                alignment == null ? null : emptyToNull(alignment.getAttribute("horizontal")),
                alignment == null ? null : emptyToNull(alignment.getAttribute("vertical")),
                alignment != null && ("1".equals(alignment.getAttribute("wrapText"))
                        || "true".equals(alignment.getAttribute("wrapText"))));
    }

    record CellStyle(int numFmtId, String numFmt, String fontName, String fontSize, boolean bold, String fontColor,
                     String pattern, String fillColor, String borderLeft, String borderTop, String borderRight,
                     String borderBottom, String borderColor, String horizontal, String vertical, boolean wrap) {
    }

    private static String attr(Element parent, String child, String attribute) {
        NodeList nodes = parent.getElementsByTagNameNS("*", child);
        if (nodes.getLength() == 0) {
            return null;
        }
        return emptyToNull(((Element) nodes.item(0)).getAttribute(attribute));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static NodeList xpath(Document doc, String expression) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads through the central directory with {@link ZipFile}: {@code ZipInputStream} rejects the data descriptors
     * fastexcel's zip writer emits (Excel and ZipFile read them fine).
     */
    private static Map<String, String> unzip(byte[] xlsx) throws IOException {
        Path file = Files.createTempFile("export-core-test", ".xlsx");
        try {
            Files.write(file, xlsx);
            Map<String, String> parts = new HashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(e)) {
                        parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return parts;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
