package io.nextops.export.xlsx;

import io.nextops.export.XlsxOptions;

/** Names of rolled-over sheets: {@code Facturas}, {@code Facturas (2)}, ..., cut to Excel's 31 characters. */
final class SheetNames {

    private SheetNames() {
    }

    static String name(String base, int sheetNumber) {
        if (sheetNumber == 1) {
            return base;
        }
        String suffix = " (" + sheetNumber + ")";
        int room = XlsxOptions.MAX_SHEET_NAME_CHARS - suffix.length();
        return (base.length() > room ? base.substring(0, room).stripTrailing() : base) + suffix;
    }
}
