package org.qalyptus.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content check of Office templates, on files made with POI and hostile ones. */
class OfficeTemplateCheckTest {

    @TempDir
    Path folder;

    private TemplateFiles files;

    @BeforeEach
    void files() {
        files = new TemplateFiles(folder);
    }

    @Test
    void eachTypeTakesItsOwnKindOfFile() {
        assertThatCode(() -> OfficeTemplateCheck.check(files.xlsx("a.xlsx"), ReportType.Excel)).doesNotThrowAnyException();
        assertThatCode(() -> OfficeTemplateCheck.check(files.docx("a.docx"), ReportType.Word)).doesNotThrowAnyException();
        assertThatCode(() -> OfficeTemplateCheck.check(files.pptx("a.pptx"), ReportType.PowerPoint)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.xlsx("a.xlsx"), ReportType.PowerPoint))
                .hasMessageContaining("is an Excel workbook, not a PowerPoint presentation");
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.pptx("a.pptx"), ReportType.Word))
                .hasMessageContaining("is a PowerPoint presentation, not a Word document");
    }

    @Test
    void theNameDecidesNothing() {
        assertThatCode(() -> OfficeTemplateCheck.check(files.docx("letter.txt"), ReportType.Word)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.text("data.xlsx"), ReportType.Excel))
                .isInstanceOf(OfficeTemplateCheck.Refused.class).hasMessageContaining("not an Excel workbook");
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.plainZip("archive.docx"), ReportType.Word))
                .hasMessageContaining("not a readable Word document");
    }

    @Test
    void legacyAndMacroEnabledFilesAreRefused() {
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.xls("old.xls"), ReportType.Excel))
                .hasMessageContaining("legacy binary");
        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.xlsm("macros.xlsm"), ReportType.Excel))
                .hasMessageContaining("Macro-enabled");
    }

    @Test
    void aZipBombIsRefusedWithPoisLimitsLeftAsTheyAre() {
        double ratio = ZipSecureFile.getMinInflateRatio();
        long entry = ZipSecureFile.getMaxEntrySize();

        assertThatThrownBy(() -> OfficeTemplateCheck.check(files.zipBomb("bomb.xlsx", 30), ReportType.Excel))
                .hasMessageContaining("zip bomb");

        assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(ratio);
        assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(entry);
    }

    @Test
    void downloadNamesKeepTheUploadedNameWithoutFoldersOrUnsafeCharacters() {
        assertThat(ReportTemplateService.fileName("Budget.xlsx", "Report", ReportType.Excel)).isEqualTo("Budget.xlsx");
        assertThat(ReportTemplateService.fileName("C:\\tmp\\a:b*c.XLSX", "Report", ReportType.Excel)).isEqualTo("a_b_c.xlsx");
        assertThat(ReportTemplateService.fileName("../../etc/passwd", "Report", ReportType.Word)).isEqualTo("passwd.docx");
        assertThat(ReportTemplateService.fileName(null, "Report", ReportType.PowerPoint)).isEqualTo("Report.pptx");
        assertThat(ReportTemplateService.fileName("..", "Report", ReportType.PowerPoint)).isEqualTo("Report.pptx");
        assertThat(ReportTemplateService.fileName("line\nbreak.docx", "Report", ReportType.Word)).isEqualTo("line_break.docx");
    }
}
