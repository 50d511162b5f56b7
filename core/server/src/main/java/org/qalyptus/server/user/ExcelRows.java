package org.qalyptus.server.user;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the rows of the first sheet of an Excel workbook as text, one row at a time. Workbooks in the
 * Office Open XML formats (.xlsx, .xlsm) are streamed with POI's SAX reader; POI's zip-bomb limits
 * ({@code ZipSecureFile}: minimum inflate ratio, maximum entry size) stay at their defaults and apply
 * while the parts are read. Legacy .xls files are read with HSSF, acceptable because uploads are capped at
 * a few megabytes before this runs. Reading stops as soon as a row past the limit shows up.
 */
final class ExcelRows {

    /** Receives the rows in order; {@code line} is the 1-based line number Excel shows. */
    interface Sink {
        void row(int line, List<String> cells);
    }

    /** The workbook cannot be read; the message is for the person who uploaded it. */
    static final class UnreadableWorkbook extends Exception {
        UnreadableWorkbook(String message) {
            super(message);
        }
    }

    /** The workbook has more data rows than allowed. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    private ExcelRows() {}

    /**
     * @param maxRows rows after the header allowed; reading stops with {@link TooManyRows} at the next one
     */
    static void read(Path file, int maxRows, Sink sink) throws UnreadableWorkbook {
        Sink limited = limit(maxRows, sink);
        FileMagic magic;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new UnreadableWorkbook("The file cannot be read");
        }
        try {
            switch (magic) {
                case OOXML -> readOfficeOpenXml(file, limited);
                case OLE2 -> readBinary(file, limited);
                default -> throw new UnreadableWorkbook("The file is not an Excel workbook (.xlsx, .xlsm or .xls)");
            }
        } catch (TooManyRows | UnreadableWorkbook e) {
            throw e;
        } catch (EncryptedDocumentException e) {
            throw new UnreadableWorkbook("The workbook is password protected; remove the password and upload it again");
        } catch (Exception e) {
            if (isZipBomb(e)) {
                throw new UnreadableWorkbook("The workbook was refused: its content expands far more than a real workbook "
                        + "does (zip bomb protection)");
            }
            throw new UnreadableWorkbook("The workbook cannot be read: it is damaged or not an Excel workbook");
        }
    }

    private static Sink limit(int maxRows, Sink sink) {
        return new Sink() {
            private int dataRows;

            @Override
            public void row(int line, List<String> cells) {
                if (line > 1 && ++dataRows > maxRows) {
                    throw new TooManyRows();
                }
                sink.row(line, cells);
            }
        };
    }

    private static void readOfficeOpenXml(Path file, Sink sink) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new UnreadableWorkbook("The workbook has no sheet");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new RowCollector(sink), new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        }
    }

    private static void readBinary(Path file, Sink sink) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true); HSSFWorkbook workbook = new HSSFWorkbook(fs)) {
            if (workbook.getNumberOfSheets() == 0) {
                return;
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
                sink.row(row.getRowNum() + 1, cells);
            }
        }
    }

    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("zip bomb")
                    || message.contains("MaxEntrySize") || message.contains("max entry size")
                    || message.contains("MaxFileCount"))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isZipBomb(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Turns the SAX reader's cell events into rows of text, filling skipped (empty) cells. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Sink sink;
        private final List<String> cells = new ArrayList<>();

        RowCollector(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            sink.row(rowNum + 1, List.copyOf(cells));
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int column = cellReference == null ? cells.size() : new CellReference(cellReference).getCol();
            if (column > 200) {
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }
}
