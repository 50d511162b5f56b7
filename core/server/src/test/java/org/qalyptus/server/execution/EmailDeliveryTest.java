package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.plugins.storage.ftp.FtpServerForTests;
import org.qalyptus.plugins.storage.sftp.SftpServerForTests;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * A task run with email through a real SMTP server (GreenMail) and storage deliveries to real FTP, explicit FTPS
 * and SFTP servers (the storage plugins' in-process test servers): two reports, filters, a condition, iteration
 * with per-value recipients and folders from variables, attachment and embedding, Cc, folder, FTP, FTPS, SFTP
 * (password and private key) and hub deliveries, notifications; then the same task in test mode. Counts every
 * mail per recipient, subjects and attachments, and every file on every server.
 */
class EmailDeliveryTest {

    static final String MANAGERS = "=If(Only(region)='Europe', 'eu@example.com; ceo@example.com', "
            + "If(Only(region)='Asia Pacific', 'apac@example.com', ''))";

    static final String FOLDERS = "=If(Only(region)='Europe', 'emea', If(Only(region)='Asia Pacific', 'apac', 'latam'))";

    static GreenMail greenMail;
    static ExecutionWorld w;
    static Http http;
    static FtpServerForTests ftp;
    static FtpServerForTests ftps;
    static SftpServerForTests sftp;
    /** Storage services of organization A on those servers. */
    static Service ftpService;
    static Service ftpsService;
    static Service sftpPasswordService;
    static Service sftpKeyService;

    record Service(String id, String name) {}

    @BeforeAll
    static void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        w = new ExecutionWorld(SharedServer.get(), ExecutionWorld.demoAppsWith(SharedServer.get(),
                Map.of("vManagers", MANAGERS, "vFolder", FOLDERS)));
        http = w.http;
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", greenMail.getSmtp().getPort());
        smtp.put("security", "None");
        smtp.put("requireAuthentication", false);
        smtp.put("fromName", "Sales reports");
        smtp.put("fromAddress", "reports@example.com");
        smtp.put("subjectPrefix", "[Reports]");
        Answer saved = http.putJson("/api/v1/organizations/" + w.orgA.id() + "/smtp-settings", w.admin.key(), Http.json(smtp));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        Path servers = Files.createTempDirectory("qalyptus-storage-servers-");
        ftp = FtpServerForTests.plain(Files.createDirectories(servers.resolve("ftp")));
        ftps = FtpServerForTests.explicitTls(Files.createDirectories(servers.resolve("ftps")));
        sftp = SftpServerForTests.start(Files.createDirectories(servers.resolve("sftp")));
        // remote folders must exist; the task's folders below them are created by the deliveries
        Files.createDirectories(ftp.home().resolve("drop"));
        Files.createDirectories(ftps.home().resolve("secure"));
        Files.createDirectories(sftp.home().resolve("pw"));
        Files.createDirectories(sftp.home().resolve("key"));
        // overwrite: a task that runs again replaces its files (the test mode run below)
        ftpService = storageService("Ftp", overwriting(ftp.storageSettings("drop")));
        ftpsService = storageService("Ftp", overwriting(ftps.storageSettings("/secure")));
        sftpPasswordService = storageService("Sftp", overwriting(sftp.passwordSettings("/pw")));
        sftpKeyService = storageService("Sftp", overwriting(sftp.privateKeySettings("key")));
    }

    @org.junit.jupiter.api.BeforeEach
    void empty() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stop() throws Exception {
        greenMail.stop();
        for (AutoCloseable server : new AutoCloseable[] {ftp, ftps, sftp}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aTaskWithTwoReportsMailsEachRecipientExactlyWhatItShouldThenTestModeSendsEverythingToTheTestAddresses()
            throws Exception {
        String summary = w.report(false);
        String burst = w.report(true);
        String task = w.task(TenantFixture.unique("Mailing"));
        String folder = "mailing-" + task.substring(0, 8);
        w.taskReport(task, body("reportID", summary, "format", "Html", "emailEmbedment", true, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe")), "order", 1)),
                "conditions", List.of(Map.of("id", w.condition("=Sum(revenue)", ">", "0")))));
        w.taskReport(task, body("reportID", burst, "format", "Pdf", "emailEmbedment", false, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific", "Latin America")), "order", 1)),
                "iterationOptions", Map.of("emailVisibilityVariable", AppElementIds.variable(ExecutionWorld.SALES_DEMO, "vManagers"),
                        "folderVisibilityVariable", AppElementIds.variable(ExecutionWorld.SALES_DEMO, "vFolder")),
                "storageServices", List.of(Map.of("id", ftpService.id(), "folder", folder + "/2024"),
                        Map.of("id", ftpsService.id(), "folder", folder), Map.of("id", sftpPasswordService.id(), "folder", folder),
                        Map.of("id", sftpKeyService.id(), "folder", folder + "/keyed")),
                "fileStorage", Map.of("enabled", true, "folder", folder), "hub", Map.of("publish", true, "retentionCount", 2)));
        recipients(task, List.of(Map.of("id", w.creator.id(), "type", "User"), Map.of("type", "Email", "email", "boss@example.com")));
        email(task, false);
        settings(task, false);

        JsonNode ended = w.runAndWait(task);
        String id = ended.get("id").asString();
        String log = w.log(id);

        assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
        Map<String, List<MimeMessage>> mails = received();
        String creator = w.creator.email().toLowerCase(Locale.ROOT);
        // the summary to each task recipient (Cc audit), each region's file to its managers (Cc audit), Latin
        // America to nobody, the notification to ops
        assertThat(counts(mails)).isEqualTo(new TreeMap<>(Map.of(creator, 1, "boss@example.com", 1, "eu@example.com", 1,
                "ceo@example.com", 1, "apac@example.com", 1, "audit@example.com", 5, "ops@example.com", 1)));
        MimeMessage toBoss = mails.get("boss@example.com").get(0);
        String summaryName = w.mongo().findById(summary, org.bson.Document.class, "reports").getString("name");
        assertThat(toBoss.getSubject()).isEqualTo("[Reports] " + summaryName + "  for boss@example.com");
        assertThat(toBoss.getFrom()[0].toString()).contains("reports@example.com");
        assertThat(addresses(toBoss.getRecipients(MimeMessage.RecipientType.CC))).containsExactly("audit@example.com");
        assertThat(attachmentNames(toBoss)).containsExactly(summaryName + ".html");
        assertThat(html(toBoss)).contains("Regions: Europe");
        String burstName = w.mongo().findById(burst, org.bson.Document.class, "reports").getString("name");
        MimeMessage toEurope = mails.get("eu@example.com").get(0);
        assertThat(toEurope.getSubject()).isEqualTo("[Reports] " + burstName + " Europe for eu@example.com");
        assertThat(attachmentNames(toEurope)).containsExactly("Sales-Europe.pdf");
        assertThat(attachmentNames(mails.get("apac@example.com").get(0))).containsExactly("Sales-Asia Pacific.pdf");
        MimeMessage notification = mails.get("ops@example.com").get(0);
        assertThat(notification.getSubject()).contains("completed");
        assertThat(attachmentNames(notification)).containsExactly("execution-" + id + ".log");

        // each value's file in the folder its variable names, below each target's folder, nothing else
        Map<String, byte[]> stored = storedFiles(id);
        Map<String, byte[]> byValueFolder = new TreeMap<>(Map.of("emea/Sales-Europe.pdf", stored.get("Sales-Europe.pdf"),
                "apac/Sales-Asia Pacific.pdf", stored.get("Sales-Asia Pacific.pdf"),
                "latam/Sales-Latin America.pdf", stored.get("Sales-Latin America.pdf")));
        Path delivered = w.server.dataDir().resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
        assertFiles(delivered, byValueFolder);
        assertFiles(ftp.home().resolve("drop").resolve(folder).resolve("2024"), byValueFolder);
        assertFiles(ftps.home().resolve("secure").resolve(folder), byValueFolder);
        assertFiles(sftp.home().resolve("pw").resolve(folder), byValueFolder);
        assertFiles(sftp.home().resolve("key").resolve(folder).resolve("keyed"), byValueFolder);
        assertThat(ftps.secureUploads()).hasSize(3).containsOnly(true);
        // SFTP writes a temporary name and renames it: readers never see a partial file
        assertThat(sftp.renames()).filteredOn(r -> r.contains(folder)).hasSize(6)
                .allMatch(r -> r.matches("(pw|key)/" + folder + "(/keyed)?/(emea|apac|latam)/\\.qalyptus-[^/]+\\.part -> .*"), "a rename from a temporary name");
        assertNoTemporaryFiles();
        Map<Service, String> locations = Map.of(ftpService, "ftp://127.0.0.1:" + ftp.port() + "/drop/" + folder + "/2024/",
                ftpsService, "ftp://127.0.0.1:" + ftps.port() + "/secure/" + folder + "/",
                sftpPasswordService, "sftp://127.0.0.1:" + sftp.port() + "/pw/" + folder + "/",
                sftpKeyService, "sftp://127.0.0.1:" + sftp.port() + "/key/" + folder + "/keyed/");
        locations.forEach((service, base) -> {
            List<DeliveryDocument> records = w.mongo().find(new Query(Criteria.where("executionId").is(id).and("target")
                    .is("storage:" + service.id())), DeliveryDocument.class);
            assertThat(records).as(service.name()).hasSize(3).allMatch(r -> r.state().equals(DeliveryDocument.DONE));
            for (String file : byValueFolder.keySet()) {
                assertThat(records).extracting(DeliveryDocument::location).as(service.name()).contains(base + file);
                assertThat(log).contains("'" + file.substring(file.indexOf('/') + 1) + "' delivered to storage service '"
                        + service.name() + "' at " + base + file);
            }
        });
        assertThat(log).doesNotContain("retrying");
        assertThat(http.get("/api/v1/hub/files?taskId=" + task, w.creator.key()).data()).hasSize(3);
        assertThat(ended.get("version").asLong()).isEqualTo(1);
        assertThat(log).contains("Emails: 5 sent, 0 partly refused, 0 skipped, 0 failed")
                .contains("'Sales-Latin America.pdf' not emailed").contains("Notification (Completed) sent to ops@example.com");
        assertThat(w.mongo().count(new Query(Criteria.where("executionId").is(id).and("target").is("email")
                .and("state").is("sent")), DeliveryDocument.class)).isEqualTo(6);
        String smtpLog = http.get("/api/v1/status/tasks/" + id + "/smtp-log", w.creator.key()).body();
        assertThat(smtpLog).contains("RCPT TO:<eu@example.com>").contains("RCPT TO:<ops@example.com>");

        greenMail.purgeEmailFromAllMailboxes();
        settings(task, true);
        JsonNode tested = w.runAndWait(task);
        String testLog = w.log(tested.get("id").asString());

        assertThat(tested.get("status").asString()).as(testLog).isEqualTo("Completed");
        Map<String, List<MimeMessage>> testMails = received();
        assertThat(counts(testMails)).isEqualTo(new TreeMap<>(Map.of("tester@example.com", 5, "ops@example.com", 1)));
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : testMails.get("tester@example.com")) {
            subjects.add(m.getSubject());
            assertThat(m.getRecipients(MimeMessage.RecipientType.CC)).isNull();
        }
        assertThat(subjects).containsExactlyInAnyOrder(
                "[Reports] [To: " + w.creator.email() + "] " + summaryName + "  for " + w.creator.email(),
                "[Reports] [To: boss@example.com] " + summaryName + "  for boss@example.com",
                "[Reports] [To: eu@example.com] " + burstName + " Europe for eu@example.com",
                "[Reports] [To: ceo@example.com] " + burstName + " Europe for ceo@example.com",
                "[Reports] [To: apac@example.com] " + burstName + " Asia Pacific for apac@example.com");
        assertThat(testLog).contains("Test mode: every email goes to tester@example.com only");
        // storage deliveries are not concerned by test mode: the same files replaced, nothing left over
        Map<String, byte[]> testStored = storedFiles(tested.get("id").asString());
        Map<String, byte[]> replaced = new TreeMap<>(Map.of("emea/Sales-Europe.pdf", testStored.get("Sales-Europe.pdf"),
                "apac/Sales-Asia Pacific.pdf", testStored.get("Sales-Asia Pacific.pdf"),
                "latam/Sales-Latin America.pdf", testStored.get("Sales-Latin America.pdf")));
        assertFiles(ftp.home().resolve("drop").resolve(folder).resolve("2024"), replaced);
        assertFiles(sftp.home().resolve("key").resolve(folder).resolve("keyed"), replaced);
        assertNoTemporaryFiles();
    }

    @Test
    void zipForEmailSendsOneZipOfEveryValueToAllAndZipForFolderStoresOneZip() throws Exception {
        String burst = w.report(true);
        String task = w.task(TenantFixture.unique("Zipped"));
        String folder = "zipped-" + task.substring(0, 8);
        w.taskReport(task, body("reportID", burst, "format", "Html", "emailEmbedment", false, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific")), "order", 1)),
                "iterationOptions", Map.of("zipForEmail", true, "zipForFolder", true),
                "storageServices", List.of(Map.of("id", ftpService.id(), "folder", folder),
                        Map.of("id", sftpPasswordService.id(), "folder", folder)),
                "fileStorage", Map.of("enabled", true, "folder", folder)));
        recipients(task, List.of(Map.of("type", "Email", "email", "zip1@example.com"),
                Map.of("type", "Email", "email", "zip2@example.com")));
        email(task, true);

        JsonNode ended = w.runAndWait(task);
        String log = w.log(ended.get("id").asString());

        assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
        String name = w.mongo().findById(burst, org.bson.Document.class, "reports").getString("name");
        Map<String, List<MimeMessage>> mails = received();
        for (String to : List.of("zip1@example.com", "zip2@example.com")) {
            assertThat(mails.get(to)).as(to).hasSize(1);
            MimeMessage mail = mails.get(to).get(0);
            assertThat(addresses(mail.getRecipients(MimeMessage.RecipientType.TO)))
                    .containsExactly("zip1@example.com", "zip2@example.com");
            assertThat(attachmentNames(mail)).containsExactly(name + ".zip");
            assertThat(zipEntries(mail)).containsExactlyInAnyOrder("Sales-Europe.html", "Sales-Asia Pacific.html");
        }
        Path delivered = w.server.dataDir().resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
        try (var files = Files.list(delivered)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name + ".zip");
        }
        // zip for folder applies to the storage services too: the same zip, one on each server, nothing else
        byte[] zip = Files.readAllBytes(delivered.resolve(name + ".zip"));
        assertThat(zipEntries(zip)).containsExactlyInAnyOrder("Sales-Europe.html", "Sales-Asia Pacific.html");
        assertFiles(ftp.home().resolve("drop").resolve(folder), Map.of(name + ".zip", zip));
        assertFiles(sftp.home().resolve("pw").resolve(folder), Map.of(name + ".zip", zip));
        assertNoTemporaryFiles();
        for (Service service : List.of(ftpService, sftpPasswordService)) {
            assertThat(w.mongo().find(new Query(Criteria.where("executionId").is(ended.get("id").asString()).and("target")
                    .is("storage:" + service.id())), DeliveryDocument.class)).as(service.name()).singleElement()
                    .matches(r -> r.state().equals(DeliveryDocument.DONE) && r.location().endsWith("/" + folder + "/" + name + ".zip"));
            assertThat(log).contains("'" + name + ".zip' delivered to storage service '" + service.name() + "'");
        }
        assertThat(w.mongo().count(new Query(Criteria.where("executionId").is(ended.get("id").asString()).and("target")
                .is("email").and("recipient").is("all").and("state").is("sent")), DeliveryDocument.class)).isEqualTo(1);
    }

    @Test
    void aResumedRunDoesNotMailAgainWhatWasSentAndResendsWhatADeadNodeLeftSending() throws Exception {
        String report = w.report(false);
        String task = w.task(TenantFixture.unique("Resumed mail"));
        String taskReport = w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", false,
                "emailAttachment", true));
        recipients(task, List.of(Map.of("type", "Email", "email", "sent@example.com"),
                Map.of("type", "Email", "email", "sending@example.com"), Map.of("type", "Email", "email", "new@example.com")));
        email(task, false);
        JsonNode first = w.runAndWait(task);
        ExecutionDocument model = w.mongo().findById(first.get("id").asString(), ExecutionDocument.class);
        ExecutionFile rendered = w.mongo().findOne(new Query(Criteria.where("executionId").is(model.id())), ExecutionFile.class);
        greenMail.purgeEmailFromAllMailboxes();

        // a node died during the SMTP conversation with sending@ after sent@ was recorded as sent
        String id = java.util.UUID.randomUUID().toString();
        java.time.Instant past = java.time.Instant.now().minusSeconds(120);
        w.mongo().insert(new ExecutionFile(java.util.UUID.randomUUID().toString(), id, rendered.fileKey(), taskReport, report,
                rendered.reportName(), rendered.fileName(), rendered.mediaType(), rendered.size(), rendered.gridFsId(), Map.of(),
                0, past));
        w.mongo().insert(new DeliveryDocument(java.util.UUID.randomUUID().toString(), id, rendered.fileKey(), "email",
                "sent@example.com", DeliveryDocument.SENT, 1, null, "<x@example.com>", "dead-node", past));
        String leftSending = java.util.UUID.randomUUID().toString();
        w.mongo().insert(new DeliveryDocument(leftSending, id, rendered.fileKey(), "email",
                "sending@example.com", DeliveryDocument.SENDING, 1, null, null, "dead-node", past));
        w.mongo().insert(new ExecutionDocument(id, ExecutionDocument.TASK, model.organizationId(), model.projectId(), task, null,
                model.name(), model.trigger(), ExecutionStatus.Running.name(), 0, past, past, null, 90, "Emailing", "dead-node",
                past.plusSeconds(30), past, false, 1, null, null, null, null, null, 0, 0));

        JsonNode resumed = w.waitFor("/api/v1/status/tasks/", id);
        String log = w.log(id);

        assertThat(resumed.get("status").asString()).as(log).isEqualTo("Completed");
        // audit@ is the task's Cc: once per message sent now, none for sent@
        assertThat(counts(received())).isEqualTo(new TreeMap<>(Map.of("sending@example.com", 1, "new@example.com", 1,
                "audit@example.com", 2)));
        // sent again under the Message-ID the dead node used (derived from the delivery record): if the dead node's
        // copy was accepted after all, the recipient's mail system sees the same message twice, not two messages
        Map<String, List<MimeMessage>> mails = received();
        assertThat(mails.get("sending@example.com").get(0).getMessageID()).isEqualTo("<qalyptus." + leftSending + ".0@example.com>");
        assertThat(mails.get("new@example.com").get(0).getMessageID()).startsWith("<qalyptus.").endsWith(".0@example.com>")
                .isNotEqualTo(mails.get("sending@example.com").get(0).getMessageID());
        assertThat(w.mongo().findById(leftSending, DeliveryDocument.class).location())
                .isEqualTo("<qalyptus." + leftSending + ".0@example.com>");
        assertThat(log).contains("an earlier attempt ended during the SMTP conversation without an outcome; sent again")
                .contains("Emails: 2 sent, 0 partly refused, 0 skipped, 0 failed, 1 sent by an earlier attempt");
    }

    @Test
    void anFtpServerThatStopsDuringARunGetsTheStoredFileAgainAndOneThatStaysDownFailsTheRunUntilAResumedRunDeliversIt()
            throws Exception {
        Path dir = Files.createTempDirectory("qalyptus-ftp-outage-");
        try (FtpServerForTests flaky = FtpServerForTests.plain(dir)) {
            Files.createDirectories(flaky.home().resolve("drop"));
            Service service = storageService("Ftp", flaky.storageSettings("drop"));
            String report = w.report(false);
            String task = w.task(TenantFixture.unique("Outage"));
            String folder = "outage-" + task.substring(0, 8);
            String taskReport = w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", false,
                    "emailAttachment", false,
                    "storageServices", List.of(Map.of("id", service.id(), "folder", "out")),
                    "fileStorage", Map.of("enabled", true, "folder", folder)));
            String file = w.mongo().findById(report, org.bson.Document.class, "reports").getString("name") + ".html";
            Path remote = flaky.home().resolve("drop/out");
            String location = "ftp://127.0.0.1:" + flaky.port() + "/drop/out/" + file;

            // 1. the server stops when the upload starts and is back 0.7 s later: retried from the stored file
            flaky.stopOnNextCommand("STOR");
            Thread restarter = new Thread(() -> {
                try {
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                    while (flaky.isRunning() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(700);
                    flaky.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "ftp-restarter");
            restarter.start();
            JsonNode first = w.runAndWait(task);
            restarter.join(10_000);
            String firstId = first.get("id").asString();
            String firstLog = w.log(firstId);

            // a retried delivery is a WARN line: the run ends Warning (docs/execution-engine.md, status rules)
            assertThat(first.get("status").asString()).as(firstLog).isEqualTo("Warning");
            assertThat(firstLog).contains("Storage service '" + service.name() + "' failed for '" + file
                    + "' (attempt 1), retrying in 500 ms").contains("'" + file + "' delivered to storage service '"
                    + service.name() + "' at " + location).doesNotContain("ERROR");
            assertThat(occurrences(firstLog, "1 file(s) rendered as Html")).isEqualTo(1);
            assertThat(w.mongo().count(new Query(Criteria.where("executionId").is(firstId)), ExecutionFile.class)).isEqualTo(1);
            Map<String, byte[]> stored = storedFiles(firstId);
            assertFiles(flaky.home(), Map.of("drop/out/" + file, stored.get(file)));
            assertThat(delivery(firstId, "storage:" + service.id())).matches(d -> d.state().equals(DeliveryDocument.DONE)
                    && location.equals(d.location()));
            Files.delete(remote.resolve(file));

            // 2. the server stays down: every attempt fails, the delivery is failed, the other targets are delivered
            flaky.stop();
            JsonNode second = w.runAndWait(task);
            String secondId = second.get("id").asString();
            String secondLog = w.log(secondId);

            assertThat(second.get("status").asString()).as(secondLog).isEqualTo("Failed");
            assertThat(secondLog).contains("(attempt 1), retrying in 500 ms").contains("(attempt 2), retrying in 1000 ms")
                    .contains("(attempt 3), retrying in 2000 ms").doesNotContain("(attempt 4)")
                    .contains("ERROR").contains("storage service '" + service.name() + "' refused '" + file + "'")
                    .contains("'" + file + "' stored in the file storage folder");
            assertThat(occurrences(secondLog, "1 file(s) rendered as Html")).isEqualTo(1);
            DeliveryDocument failed = delivery(secondId, "storage:" + service.id());
            assertThat(failed.state()).isEqualTo(DeliveryDocument.FAILED);
            assertThat(failed.detail()).contains("127.0.0.1:" + flaky.port());
            assertThat(delivery(secondId, "folder").state()).isEqualTo(DeliveryDocument.DONE);
            assertFiles(flaky.home(), Map.of());

            // 3. a node resuming that run (its lease expired) delivers the failed one again from the stored file, and
            // only that one: nothing rendered, the folder not written again
            flaky.restart();
            String resumedId = java.util.UUID.randomUUID().toString();
            java.time.Instant past = java.time.Instant.now().minusSeconds(120);
            ExecutionDocument model = w.mongo().findById(secondId, ExecutionDocument.class);
            ExecutionFile rendered = w.mongo().findOne(new Query(Criteria.where("executionId").is(secondId)), ExecutionFile.class);
            w.mongo().insert(new ExecutionFile(java.util.UUID.randomUUID().toString(), resumedId, rendered.fileKey(), taskReport,
                    report, rendered.reportName(), rendered.fileName(), rendered.mediaType(), rendered.size(),
                    rendered.gridFsId(), Map.of(), 0, past));
            for (String target : List.of("storage:" + service.id(), "folder")) {
                DeliveryDocument d = delivery(secondId, target);
                w.mongo().insert(new DeliveryDocument(java.util.UUID.randomUUID().toString(), resumedId, d.fileKey(), target,
                        d.recipient(), d.state(), d.attempts(), d.detail(), d.location(), "dead-node", past));
            }
            Path folderCopy = w.server.dataDir().resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder).resolve(file);
            java.nio.file.attribute.FileTime folderWritten = Files.getLastModifiedTime(folderCopy);
            w.mongo().insert(new ExecutionDocument(resumedId, ExecutionDocument.TASK, model.organizationId(), model.projectId(),
                    task, null, model.name(), model.trigger(), ExecutionStatus.Running.name(), 0, past, past, null, 50,
                    "Delivering", "dead-node", past.plusSeconds(30), past, false, 1, null, null, null, null, null, 1, 1));

            JsonNode resumed = w.waitFor("/api/v1/status/tasks/", resumedId);
            String resumedLog = w.log(resumedId);

            assertThat(resumed.get("status").asString()).as(resumedLog).isEqualTo("Completed");
            assertThat(resumedLog).contains("Resuming: 1 file(s) were rendered by an earlier attempt")
                    .contains("0 file(s) rendered as Html, 1 kept from an earlier attempt")
                    .contains("'" + file + "' delivered to storage service '" + service.name() + "' at " + location)
                    .doesNotContain("stored in the file storage folder").doesNotContain("retrying");
            assertFiles(flaky.home(), Map.of("drop/out/" + file, stored(rendered)));
            assertThat(delivery(resumedId, "storage:" + service.id()).state()).isEqualTo(DeliveryDocument.DONE);
            assertThat(Files.getLastModifiedTime(folderCopy)).isEqualTo(folderWritten);
            assertThat(flaky.commands()).filteredOn(c -> c.startsWith("STOR")).hasSize(1);
        }
    }

    static DeliveryDocument delivery(String executionId, String target) {
        return w.mongo().findOne(new Query(Criteria.where("executionId").is(executionId).and("target").is(target)),
                DeliveryDocument.class);
    }

    static byte[] stored(ExecutionFile file) throws Exception {
        try (var in = w.server.bean(OutputStore.class).open(file.gridFsId())) {
            return in.readAllBytes();
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    static Service storageService(String type, Map<String, Object> settings) {
        String name = TenantFixture.unique(type + " drop");
        Answer created = http.postJson("/api/v1/storage-services", w.creator.key(), Http.json(Map.of("name", name, "type", type,
                "organizationID", w.orgA.id(), "settings", settings)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return new Service(created.data().get("id").asString(), name);
    }

    static Map<String, Object> overwriting(Map<String, Object> settings) {
        settings.put("overwrite", true);
        return settings;
    }

    /** The files an execution stored, by file name, read back from the output store. */
    static Map<String, byte[]> storedFiles(String executionId) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        OutputStore outputs = w.server.bean(OutputStore.class);
        for (ExecutionFile file : w.mongo().find(new Query(Criteria.where("executionId").is(executionId)), ExecutionFile.class)) {
            try (var in = outputs.open(file.gridFsId())) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).as(file.fileName()).hasSize((int) file.size());
                files.put(file.fileName(), bytes);
            }
        }
        return files;
    }

    /** Exactly {@code expected} (relative path -> content) below {@code root}: no other file, no temporary one. */
    static void assertFiles(Path root, Map<String, byte[]> expected) throws Exception {
        Map<String, byte[]> found = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                found.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        assertThat(found.keySet()).as(root.toString()).containsExactlyElementsOf(new TreeMap<>(expected).keySet());
        expected.forEach((name, content) -> assertThat(found.get(name)).as(root.resolve(name).toString()).isEqualTo(content));
    }

    /** No upload left a temporary file ({@code .qalyptus-*.part}) on any of the shared servers. */
    static void assertNoTemporaryFiles() throws Exception {
        for (Path home : List.of(ftp.home(), ftps.home(), sftp.home())) {
            try (var walk = Files.walk(home)) {
                assertThat(walk.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .as(home.toString()).noneMatch(n -> n.startsWith(".qalyptus"));
            }
        }
    }

    static List<String> zipEntries(Part part) throws Exception {
        List<String> names = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                names.addAll(zipEntries(multipart.getBodyPart(i)));
            }
        } else if (part.getFileName() != null && part.getFileName().endsWith(".zip")) {
            try (var zip = new java.util.zip.ZipInputStream(part.getInputStream())) {
                for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    names.add(entry.getName());
                }
            }
        }
        return names;
    }

    static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    static void recipients(String task, List<Map<String, Object>> recipients) {
        Answer answer = w.put("/api/v1/tasks/" + task + "/recipients", w.creator.key(), recipients);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    static void email(String task, boolean oneToAll) {
        Answer answer = w.put("/api/v1/tasks/" + task + "/email", w.creator.key(), body("from", "reports@example.com",
                "ccBcc", true, "cc", "audit@example.com", "subject", "{{ReportName}} {{IterationValue}} for {{RecipientEmail}}",
                "message", "<p>Hello, here is {{ReportName}}.</p>", "isActive", true, "oneToAll", oneToAll));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    static void settings(String task, boolean testMode) {
        String name = http.get("/api/v1/tasks/" + task, w.creator.key()).data().get("name").asString();
        Answer answer = w.put("/api/v1/tasks/" + task, w.creator.key(), body("name", name, "isActive", true,
                "sendNotifications", true, "notifyIfSuccess", true, "notifyIfWarning", true, "notifyIfError", true,
                "notificationRecipients", "ops@example.com", "testMode", testMode, "testModeRecipients", "tester@example.com"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** What GreenMail received, per envelope recipient (one stored message per recipient). */
    static Map<String, List<MimeMessage>> received() throws Exception {
        Map<String, List<MimeMessage>> byRecipient = new TreeMap<>();
        for (var user : greenMail.getUserManager().listUser()) {
            List<MimeMessage> messages = new ArrayList<>();
            for (var stored : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                messages.add(stored.getMimeMessage());
            }
            if (!messages.isEmpty()) {
                byRecipient.put(user.getEmail().toLowerCase(Locale.ROOT), messages);
            }
        }
        return byRecipient;
    }

    static Map<String, Integer> counts(Map<String, List<MimeMessage>> mails) {
        Map<String, Integer> counts = new TreeMap<>();
        mails.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }

    static List<String> addresses(Address[] addresses) {
        List<String> list = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                list.add(a.toString());
            }
        }
        return list;
    }

    static List<String> attachmentNames(Part part) throws Exception {
        List<String> names = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                names.addAll(attachmentNames(multipart.getBodyPart(i)));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && part.getFileName() != null) {
            names.add(part.getFileName());
        }
        return names;
    }

    static String html(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(html(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return part.isMimeType("text/html") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                ? String.valueOf(part.getContent()) : "";
    }
}
