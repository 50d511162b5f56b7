package org.qalyptus.server.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import tools.jackson.databind.JsonNode;

class UserImportTest {

    private static final List<String> HEADER = List.of("Email", "First name", "Last name", "Type", "Organization", "Role",
            "License", "Groups");

    @TempDir
    Path dir;

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);
    private final UserRepository users = server.bean(UserRepository.class);

    private Path workbook(Workbook workbook, String name, List<List<String>> rows) throws IOException {
        Sheet sheet = workbook.createSheet("Users");
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (int r = 0; r < all.size(); r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < all.get(r).size(); c++) {
                row.createCell(c).setCellValue(all.get(r).get(c));
            }
        }
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); workbook) {
            workbook.write(out);
        }
        return file;
    }

    private Answer upload(String token, Path file, String fileName) throws IOException {
        return upload(token, Files.readAllBytes(file), fileName);
    }

    private Answer upload(String token, byte[] content, String fileName) {
        String boundary = "----qalyptus" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return http.post("/api/v1/users/import", token, "multipart/form-data; boundary=" + boundary,
                BodyPublishers.ofByteArray(body));
    }

    private static String email() {
        return TenantFixture.unique("imported") + "@example.com";
    }

    @Test
    void anXlsxFileAddsItsUsersToTheirOrganizationsAndGroups() throws IOException {
        Org org = tenant.organization("Import");
        Person admin = tenant.administrator(org);
        String group = http.postJson("/api/v1/groups", admin.key(), Http.json(java.util.Map.of("name", "Analysts",
                "organizationID", org.id()))).data().get("id").asString();
        Org second = tenant.organization("Import second");
        tenant.join(admin, second, "Administrator", "Creator");
        String ann = email();
        String rec = email();
        Path file = workbook(new XSSFWorkbook(), "users.xlsx", List.of(
                List.of(ann, "Ann", "Smith", "User", org.name(), "Member", "Explorer", "Analysts"),
                List.of(ann, "Ann", "Smith", "User", "Import second", "Administrator", "Creator", ""),
                List.of(rec, "Rec", "Ipient", "Recipient", org.name(), "", "", "")));

        Answer answer = upload(admin.session(), file, "users.xlsx");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("imported").asInt()).isEqualTo(2);
        assertThat(answer.data().get("message").asString()).contains("no invitation email was sent");
        UserDocument imported = users.findByEmail(ann).orElseThrow();
        assertThat(imported.status()).isEqualTo(UserStatus.Pending);
        assertThat(imported.memberships()).hasSize(2);
        assertThat(imported.membership(org.id()).orElseThrow().groupIds()).containsExactly(org.allUsersGroupId(), group);
        assertThat(imported.license().name()).isEqualTo("Creator");
        assertThat(users.findByEmail(rec).orElseThrow().type()).isEqualTo("Recipient");
    }

    @Test
    void legacyXlsAndMacroEnabledXlsmFilesAreRead() throws IOException {
        Org org = tenant.organization("Import formats");
        Person admin = tenant.administrator(org);
        String fromXls = email();
        String fromXlsm = email();
        Path xls = workbook(new HSSFWorkbook(), "users.xls", List.of(List.of(fromXls, "Old", "Format", "", org.name(), "", "", "")));
        XSSFWorkbook macro = new XSSFWorkbook(XSSFWorkbookType.XLSM);
        Path xlsm = workbook(macro, "users.xlsm", List.of(List.of(fromXlsm, "Macro", "Book", "", org.name(), "", "", "")));

        assertThat(upload(admin.key(), xls, "users.xls").status()).isEqualTo(200);
        assertThat(upload(admin.key(), xlsm, "users.xlsm").status()).isEqualTo(200);
        assertThat(users.findByEmail(fromXls)).isPresent();
        assertThat(users.findByEmail(fromXlsm)).isPresent();
    }

    @Test
    void everyWrongRowIsReportedAndNothingIsImported() throws IOException {
        Org org = tenant.organization("Import errors");
        Person admin = tenant.administrator(org);
        String good = email();
        Path file = workbook(new XSSFWorkbook(), "bad.xlsx", List.of(
                List.of(good, "Good", "Row", "", org.name(), "", "", ""),
                List.of("not-an-email", "Bad", "Email", "", org.name(), "", "", ""),
                List.of(email(), "", "NoFirst", "", org.name(), "", "", ""),
                List.of(email(), "Wrong", "Org", "", "no-such-organization", "", "", ""),
                List.of(email(), "Wrong", "License", "", org.name(), "", "Gold", "Nope"),
                List.of(admin.email(), "Already", "There", "", org.name(), "", "", "")));

        Answer answer = upload(admin.key(), file, "bad.xlsx");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode errors = answer.json().get("errorDetails");
        assertThat(errors.valueStream().map(e -> e.get("line").asInt()).distinct()).containsExactly(3, 4, 5, 6, 7);
        assertThat(errors.valueStream().map(e -> e.get("reason").asString()))
                .anyMatch(r -> r.contains("Email")).anyMatch(r -> r.contains("License")).anyMatch(r -> r.contains("Groups"))
                .anyMatch(r -> r.contains("already exists"));
        assertThat(users.findByEmail(good)).as("none imported").isEmpty();
    }

    @Test
    void moreThan10000RowsAreRefused() throws IOException {
        Org org = tenant.organization("Import many");
        Person admin = tenant.administrator(org);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i <= UserImportService.MAX_ROWS; i++) {
            rows.add(List.of("u" + i + "-" + UUID.randomUUID() + "@example.com", "F", "L", "", org.name(), "", "", ""));
        }
        Path file = workbook(new SXSSFWorkbook(100), "many.xlsx", rows);

        Answer answer = upload(admin.key(), file, "many.xlsx");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).contains("more than 10000 rows");
        assertThat(users.findByEmail(rows.get(0).get(0))).isEmpty();
    }

    @Test
    void aFileOver5MbIsRefusedBeforeParsing() {
        Org org = tenant.organization("Import big");
        Person admin = tenant.administrator(org);
        byte[] big = new byte[(int) UserImportService.MAX_FILE_BYTES + 1024];
        new Random(1).nextBytes(big);

        Answer answer = upload(admin.key(), big, "big.xlsx");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("isSuccess").asBoolean()).isFalse();
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        Org org = tenant.organization("Import bomb");
        Person admin = tenant.administrator(org);
        Path real = workbook(new XSSFWorkbook(), "real.xlsx", List.of(List.of(email(), "A", "B", "", org.name(), "", "", "")));
        Path bomb = dir.resolve("bomb.xlsx");
        // The real workbook's parts, with the sheet padded by 200 MB of blanks that compress about 1000:1.
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(real));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData");
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1024 * 1024];
                    java.util.Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < 200; i++) {
                        out.write(blanks);
                    }
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        assertThat(Files.size(bomb)).isLessThan(UserImportService.MAX_FILE_BYTES);

        Answer answer = upload(admin.key(), bomb, "bomb.xlsx");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asString()).contains("zip bomb");
    }

    @Test
    void wrongFilesRightsAndRequestsAreRefused() throws IOException {
        Org org = tenant.organization("Import checks");
        Person admin = tenant.administrator(org);
        Path file = workbook(new XSSFWorkbook(), "ok.xlsx", List.of(List.of(email(), "A", "B", "", org.name(), "", "", "")));

        assertThat(upload(admin.key(), "just text".getBytes(StandardCharsets.UTF_8), "users.xlsx").status()).isEqualTo(400);
        assertThat(upload(admin.key(), file, "users.csv").status()).isEqualTo(400);
        assertThat(upload(tenant.viewer(org).key(), file, "ok.xlsx").status()).isEqualTo(403);
        assertThat(upload(null, file, "ok.xlsx").status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/users/import", admin.key(), "{}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/users/import", admin.key(), "multipart/form-data; boundary=x",
                BodyPublishers.ofString("garbage")).status()).isEqualTo(400);
        Person stranger = tenant.administrator(tenant.organization("Import stranger"));
        Answer foreign = upload(stranger.key(), file, "ok.xlsx");
        assertThat(foreign.status()).as("an organization the caller does not administer").isEqualTo(400);
    }

    @Test
    void theTemplateIsAnXlsxWithTheImportColumns() throws IOException {
        Org org = tenant.organization("Template");
        Person admin = tenant.administrator(org);

        var response = http.send(http.request("/api/v1/users/import/template", admin.key()).GET());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).contains("spreadsheetml");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("users-import-template.xlsx");
        var bytes = http.sendBytes(http.request("/api/v1/users/import/template", admin.key()).GET());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Row header = workbook.getSheetAt(0).getRow(0);
            List<String> titles = new ArrayList<>();
            header.forEach(cell -> titles.add(cell.getStringCellValue()));
            assertThat(titles).isEqualTo(HEADER);
        }
        assertThat(http.get("/api/v1/users/import/template", tenant.viewer(org).key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/users/import/template", null).status()).isEqualTo(401);
    }
}
