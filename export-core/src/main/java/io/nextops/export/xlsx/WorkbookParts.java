package io.nextops.export.xlsx;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The parts of the package around the sheets: content types, relationships, document properties, the workbook (sheet
 * names and each sheet's autofilter range), the styles and an empty shared-string table. Written after the last
 * sheet, when the sheets are known.
 *
 * <p>Thread-safety: stateless.
 */
final class WorkbookParts {

    private static final String APPLICATION = "NextOps";
    private static final String APPLICATION_VERSION = "1.0";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private WorkbookParts() {
    }

    /** {@code sheets}: name and used range of each sheet, in order. */
    static void write(ZipOutputStream zip, XmlBuffer xml, StyleTable styles, List<String[]> sheets)
            throws IOException {
        part(zip, xml, "[Content_Types].xml");
        xml.ascii(XML_DECLARATION
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + CONTENT_TYPE + "sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + CONTENT_TYPE + "styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + CONTENT_TYPE
                + "sharedStrings+xml\"/>");
        for (int i = 1; i <= sheets.size(); i++) {
            xml.ascii("<Override PartName=\"/xl/worksheets/sheet").digits(i).ascii(".xml\" ContentType=\""
                    + CONTENT_TYPE + "worksheet+xml\"/>");
        }
        xml.ascii("<Override PartName=\"/docProps/core.xml\""
                + " ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                + "<Override PartName=\"/docProps/app.xml\""
                + " ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>");

        part(zip, xml, "_rels/.rels");
        xml.ascii(XML_DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/"
                + "metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + RELATIONSHIPS + "/extended-properties\""
                + " Target=\"docProps/app.xml\"/></Relationships>");

        part(zip, xml, "docProps/app.xml");
        xml.ascii(XML_DECLARATION
                + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>" + APPLICATION + "</Application><AppVersion>" + APPLICATION_VERSION
                + "</AppVersion></Properties>");

        part(zip, xml, "docProps/core.xml");
        xml.ascii(XML_DECLARATION
                + "<cp:coreProperties"
                + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>" + APPLICATION
                + "</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</dcterms:created></cp:coreProperties>");

        part(zip, xml, "xl/workbook.xml");
        xml.ascii(XML_DECLARATION + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"" + RELATIONSHIPS + "\"><workbookPr date1904=\"false\"/>"
                + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (int i = 0; i < sheets.size(); i++) {
            // rId1 and rId2 are the styles and shared strings; sheets follow
            xml.ascii("<sheet name=\"").attribute(sheets.get(i)[0]).ascii("\" sheetId=\"").digits(i + 1)
                    .ascii("\" r:id=\"rId").digits(i + 3).ascii("\"/>");
        }
        xml.ascii("</sheets><definedNames>");
        for (int i = 0; i < sheets.size(); i++) {
            xml.ascii("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"").digits(i)
                    .ascii("\" hidden=\"true\">'").text(sheets.get(i)[0].replace("'", "''")).ascii("'!")
                    .ascii(absolute(sheets.get(i)[1])).ascii("</definedName>");
        }
        xml.ascii("</definedNames></workbook>");

        part(zip, xml, "xl/_rels/workbook.xml.rels");
        xml.ascii(XML_DECLARATION
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + RELATIONSHIPS + "/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + RELATIONSHIPS + "/sharedStrings\""
                + " Target=\"sharedStrings.xml\"/>");
        for (int i = 1; i <= sheets.size(); i++) {
            xml.ascii("<Relationship Id=\"rId").digits(i + 2).ascii("\" Type=\"" + RELATIONSHIPS
                    + "/worksheet\" Target=\"worksheets/sheet").digits(i).ascii(".xml\"/>");
        }
        xml.ascii("</Relationships>");

        part(zip, xml, "xl/styles.xml");
        styles.write(xml);

        part(zip, xml, "xl/sharedStrings.xml");
        xml.ascii(XML_DECLARATION + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " count=\"0\" uniqueCount=\"0\"/>");
        xml.flush();
        zip.closeEntry();
    }

    /** Closes the previous part, if any, and opens {@code name}. */
    private static void part(ZipOutputStream zip, XmlBuffer xml, String name) throws IOException {
        xml.flush();
        zip.putNextEntry(new ZipEntry(name)); // closes the open entry first
    }

    /** {@code A1:X201} as {@code $A$1:$X$201}. */
    private static String absolute(String range) {
        return range.replaceAll("([A-Z]+)(\\d+)", "\\$$1\\$$2");
    }
}
