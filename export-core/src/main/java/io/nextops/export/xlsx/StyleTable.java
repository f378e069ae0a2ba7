package io.nextops.export.xlsx;

import io.nextops.export.CellAlignment;
import io.nextops.export.Column;
import io.nextops.export.Columns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NextOps export look (nextops-domain.md 3.1) as a fixed table of cell formats, computed once from the columns:
 * a blue bold header, Calibri 11 data with thin grey borders, vertically centred, {@code F3F4F6} on even sheet rows
 * (so the first data row is shaded). A column's number format and alignment apply to non-null values only; an empty
 * cell keeps the plain left-aligned data style. Each data cell's format is looked up by column, filled or empty,
 * and shaded or not: no style is built or merged while rows are written.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class StyleTable {

    // ARGB, as SpreadsheetML expects; the RGB part is what the original used
    static final String HEADER_FILL = "FF1E40AF";
    static final String HEADER_FONT_COLOR = "FFFFFFFF";
    static final String BORDER_COLOR = "FFD1D5DB";
    static final String ZEBRA_FILL = "FFF3F4F6";
    static final String FONT = "Calibri";

    static final int HEADER_STYLE = 1;
    /** First id of a custom number format (lower ids are Excel's built-in formats). */
    private static final int FIRST_CUSTOM_FORMAT = 164;
    private static final int FILL_NONE = 0;
    private static final int FILL_HEADER = 2;
    private static final int FILL_ZEBRA = 3;

    /** A data cell look: number format id and horizontal alignment. */
    private record Look(int numFmtId, CellAlignment alignment) {
    }

    private final Map<String, Integer> formats = new LinkedHashMap<>();
    private final List<Look> looks = new ArrayList<>();
    /** {@code [column][zebra ? 1 : 0]}: cell format index of a filled and of an empty cell. */
    private final int[][] filled;
    private final int[][] empty;

    StyleTable(Columns<?> columns) {
        int width = columns.size();
        filled = new int[width][2];
        empty = new int[width][2];
        Look emptyLook = new Look(0, CellAlignment.LEFT);
        int emptyIndex = lookIndex(emptyLook);
        int[] filledLook = new int[width];
        for (int c = 0; c < width; c++) {
            Column<?> column = columns.get(c);
            int fmt = 0;
            if (column.numberFormat() != null) {
                fmt = formats.computeIfAbsent(column.numberFormat(), f -> FIRST_CUSTOM_FORMAT + formats.size());
            }
            filledLook[c] = lookIndex(new Look(fmt, column.alignment()));
        }
        // indices depend on the number of looks, known only now
        for (int c = 0; c < width; c++) {
            for (int zebra = 0; zebra < 2; zebra++) {
                filled[c][zebra] = xfIndex(filledLook[c], zebra == 1);
                empty[c][zebra] = xfIndex(emptyIndex, zebra == 1);
            }
        }
    }

    private int lookIndex(Look look) {
        int i = looks.indexOf(look);
        if (i >= 0) {
            return i;
        }
        looks.add(look);
        return looks.size() - 1;
    }

    /** Cell formats: 0 default, 1 header, then every look plain, then every look shaded. */
    private int xfIndex(int look, boolean zebra) {
        return HEADER_STYLE + 1 + (zebra ? looks.size() : 0) + look;
    }

    /** The cell format of a data cell in column {@code c}; even sheet rows are shaded. */
    int filled(int c, boolean zebra) {
        return filled[c][zebra ? 1 : 0];
    }

    int empty(int c, boolean zebra) {
        return empty[c][zebra ? 1 : 0];
    }

    /** Writes {@code xl/styles.xml}. */
    void write(XmlBuffer xml) throws IOException {
        xml.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        if (!formats.isEmpty()) {
            xml.ascii("<numFmts count=\"").digits(formats.size()).ascii("\">");
            for (Map.Entry<String, Integer> f : formats.entrySet()) {
                xml.ascii("<numFmt numFmtId=\"").digits(f.getValue()).ascii("\" formatCode=\"")
                        .attribute(f.getKey()).ascii("\"/>");
            }
            xml.ascii("</numFmts>");
        }
        xml.ascii("<fonts count=\"2\">"
                + "<font><sz val=\"11\"/><color rgb=\"FF000000\"/><name val=\"" + FONT + "\"/></font>"
                + "<font><b/><sz val=\"12\"/><color rgb=\"" + HEADER_FONT_COLOR + "\"/><name val=\"" + FONT
                + "\"/></font></fonts>"
                + "<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill>"
                + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"" + HEADER_FILL + "\"/></patternFill></fill>"
                + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"" + ZEBRA_FILL + "\"/></patternFill></fill>"
                + "</fills>"
                + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>"
                + side("left") + side("right") + side("top") + side("bottom") + "<diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
        xml.ascii("<cellXfs count=\"").digits(2 + 2L * looks.size()).ascii("\">")
                .ascii("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>");
        xf(xml, 0, 1, FILL_HEADER, "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"true\"/>");
        for (int zebra = 0; zebra < 2; zebra++) {
            for (Look look : looks) {
                xf(xml, look.numFmtId(), 0, zebra == 1 ? FILL_ZEBRA : FILL_NONE, "<alignment horizontal=\""
                        + look.alignment().xmlValue() + "\" vertical=\"center\"/>");
            }
        }
        xml.ascii("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                + "</cellStyles><dxfs count=\"0\"/></styleSheet>");
    }

    private static String side(String name) {
        return "<" + name + " style=\"thin\"><color rgb=\"" + BORDER_COLOR + "\"/></" + name + ">";
    }

    private static void xf(XmlBuffer xml, int numFmtId, int fontId, int fillId, String alignment)
            throws IOException {
        xml.ascii("<xf numFmtId=\"").digits(numFmtId).ascii("\" fontId=\"").digits(fontId)
                .ascii("\" fillId=\"").digits(fillId).ascii("\" borderId=\"1\" xfId=\"0\"")
                .ascii(numFmtId != 0 ? " applyNumberFormat=\"1\"" : "")
                .ascii(fontId != 0 ? " applyFont=\"1\"" : "")
                .ascii(fillId != 0 ? " applyFill=\"1\"" : "")
                .ascii(" applyBorder=\"1\" applyAlignment=\"1\">").ascii(alignment).ascii("</xf>");
    }
}
