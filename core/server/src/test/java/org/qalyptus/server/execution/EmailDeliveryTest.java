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
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * A task run with email through a real SMTP server (GreenMail): two reports, filters, a condition, iteration
 * with per-value recipients from a variable, attachment and embedding, Cc, folder and hub deliveries,
 * notifications; then the same task in test mode. Counts every mail per recipient, subjects and attachments.
 */
class EmailDeliveryTest {

    static final String MANAGERS = "=If(Only(region)='Europe', 'eu@example.com; ceo@example.com', "
            + "If(Only(region)='Asia Pacific', 'apac@example.com', ''))";

    static GreenMail greenMail;
    static ExecutionWorld w;
    static Http http;

    @BeforeAll
    static void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        w = new ExecutionWorld(SharedServer.get(), ExecutionWorld.demoAppsWith(SharedServer.get(), Map.of("vManagers", MANAGERS)));
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
    }

    @org.junit.jupiter.api.BeforeEach
    void empty() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
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
                "iterationOptions", Map.of("emailVisibilityVariable", AppElementIds.variable(ExecutionWorld.SALES_DEMO, "vManagers")),
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

        Path delivered = w.server.dataDir().resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
        try (var files = Files.list(delivered)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Sales-Europe.pdf",
                    "Sales-Asia Pacific.pdf", "Sales-Latin America.pdf");
        }
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
    }

    @Test
    void zipForEmailSendsOneZipOfEveryValueToAllAndZipForFolderStoresOneZip() throws Exception {
        String burst = w.report(true);
        String task = w.task(TenantFixture.unique("Zipped"));
        String folder = "zipped-" + task.substring(0, 8);
        w.taskReport(task, body("reportID", burst, "format", "Html", "emailEmbedment", false, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific")), "order", 1)),
                "iterationOptions", Map.of("zipForEmail", true, "zipForFolder", true),
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
        w.mongo().insert(new DeliveryDocument(java.util.UUID.randomUUID().toString(), id, rendered.fileKey(), "email",
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
        assertThat(log).contains("an earlier attempt ended during the SMTP conversation without an outcome; sent again")
                .contains("Emails: 2 sent, 0 partly refused, 0 skipped, 0 failed, 1 sent by an earlier attempt");
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
