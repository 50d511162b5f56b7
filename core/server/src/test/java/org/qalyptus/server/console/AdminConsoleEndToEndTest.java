package org.qalyptus.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.support.BrowserScript;
import org.qalyptus.server.support.InitialCredentialsFile;
import org.qalyptus.server.support.RunningServer;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The console's administration end to end, in headless Chromium (the system's, driven by playwright-core) against a
 * server started on a fresh data folder: web-console/e2e/admin-e2e.mjs invites a user, imports users from Excel
 * workbooks made here with POI (one with a wrong row, refused as a whole; then the corrected one), creates an API key
 * shown once and uses it, a group with a member, a Folder storage service it tests, and SMTP settings pointing to a
 * GreenMail server started here, whose test mail must arrive. Screenshots land in web-console/target/screenshots.
 */
class AdminConsoleEndToEndTest {

    private static final String[] HEADER = {"Email", "First name", "Last name", "Type", "Organization", "Role", "License", "Groups"};
    private static final String MAIL_TO = "admin-e2e@example.com";

    @TempDir
    static Path dataDir;

    @TempDir
    static Path workbooks;

    private static RunningServer server;
    private static GreenMail greenMail;

    @BeforeAll
    static void start() {
        if (BrowserScript.available()) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            greenMail.start();
            server = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** A users workbook laid out as the server's template: the header, then one row per user. */
    static Path workbook(String name, List<String[]> rows) throws Exception {
        Path file = workbooks.resolve(name);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Users");
            List<String[]> all = new java.util.ArrayList<>();
            all.add(HEADER);
            all.addAll(rows);
            for (int r = 0; r < all.size(); r++) {
                Row row = sheet.createRow(r);
                String[] cells = all.get(r);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            workbook.write(out);
        }
        return file;
    }

    @Test
    void theOwnerAdministersUsersKeysGroupsStorageAndMailFromTheConsole() throws Exception {
        BrowserScript.assumeAvailable("the administration end-to-end suite");
        String[] alice = {"alice.import@example.com", "Alice", "Import", "User", "default", "Member", "Viewer", ""};
        String[] bob = {"bob.import@example.com", "Bob", "Import", "User", "default", "Member", "Explorer", ""};
        String[] wrongBob = Arrays.copyOf(bob, bob.length);
        wrongBob[6] = "Emperor";
        Path bad = workbook("users-bad.xlsx", List.of(alice, wrongBob));
        Path good = workbook("users-good.xlsx", List.of(alice, bob));
        // the Folder plugin writes below the server's allowed roots: by default the data folder's deliveries
        Path storageRoot = Files.createDirectories(dataDir.resolve("deliveries").resolve("admin-e2e"));

        InitialCredentialsFile owner = server.credentials();
        String output = BrowserScript.run(Duration.ofMinutes(6), "e2e/admin-e2e.mjs", server.http().base(), owner.email(),
                owner.password(), BrowserScript.screenshots().toString(), bad.toString(), good.toString(),
                String.valueOf(greenMail.getSmtp().getPort()), MAIL_TO, storageRoot.toString());
        assertThat(output).contains("admin e2e ok")
                .contains("step: invited ")
                .contains("step: the workbook with a wrong row was refused: row 3")
                .contains("step: nobody of the refused workbook was imported")
                .contains("step: the corrected workbook imported")
                .contains("step: the shown key works")
                .contains("step: created the group")
                .contains("and its test passed")
                .contains("step: sent a test mail")
                .contains("step: no request left localhost, no console error, no server error");

        // the test mail reached the SMTP server the console was pointed at
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).anySatisfy(message ->
                assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo(MAIL_TO));
        // the import stored both users of the corrected workbook, each once
        MongoTemplate mongo = server.bean(MongoTemplate.class);
        for (String email : List.of(alice[0], bob[0])) {
            assertThat(mongo.getCollection("users").countDocuments(new Document("email", email))).as(email).isEqualTo(1);
        }
        assertThat(Files.size(BrowserScript.screenshots().resolve("admin-import-errors.png"))).isGreaterThan(10_000);
        assertThat(Files.size(BrowserScript.screenshots().resolve("admin-api-key-secret.png"))).isGreaterThan(10_000);
    }
}
