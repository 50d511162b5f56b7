package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.ServerProcess;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.task.TaskDocument;
import org.qalyptus.server.task.TaskSchedule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * Two server nodes in two JVMs on one store (the first runs the embedded store on a fixed port, the second joins it
 * with {@code spring.mongodb.uri}): schedules due together fire once each across both, and a node killed with
 * SIGKILL in the middle of a burst that mails each value's file to its own recipient leaves the other to finish it,
 * every recipient mailed once (GreenMail counts the messages per recipient) and every file delivered once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class TwoNodesTest {

    static final String LEASE = "--qalyptus.execution.lease=6s";
    static final String SCAN = "--qalyptus.execution.schedule-scan=1s";

    @TempDir
    static Path dataDir;

    static RunningServer first;
    static ServerProcess second;
    static ExecutionWorld w;
    static MongoTemplate mongo;

    /** Each customer's own address (its email field): the burst mails each value's file to its customer only. */
    static final String RECIPIENT = "=Only(email)";

    static GreenMail greenMail;

    @BeforeAll
    static void twoNodes() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        int storePort = ServerProcess.freePort();
        first = RunningServer.start(dataDir, RunningServer.SOURCE_TREE_PLUGINS, ServerProcess.storeArgs(storePort), LEASE, SCAN);
        w = new ExecutionWorld(first, ExecutionWorld.demoAppsWith(first, Map.of("vRecipient", RECIPIENT)));
        mongo = w.mongo();
        second = ServerProcess.join(first, storePort, LEASE, SCAN);
    }

    @AfterAll
    static void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void theSecondNodeServesTheSameStore() {
        Answer fromSecond = second.http().get("/api/v1/tasks", w.creator.key());
        assertThat(fromSecond.status()).as(fromSecond.body()).isEqualTo(200);
        String task = w.task(TenantFixture.unique("Seen by both"));
        Answer again = second.http().get("/api/v1/tasks/" + task, w.creator.key());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void twoHundredSchedulesDueInTheSameMinuteFireOnceEachAcrossTwoNodes() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(scheduledTask());
        }
        awaitTrue(Duration.ofSeconds(60), () -> mongo.count(new Query(Criteria.where("taskId").in(tasks)), ScheduleState.class) == 200);
        Instant due = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        mongo.updateMulti(new Query(Criteria.where("taskId").in(tasks)), new Update().set("nextFire", due), ScheduleState.class);

        Query fired = new Query(Criteria.where("taskId").in(tasks));
        awaitTrue(Duration.ofSeconds(60), () -> mongo.count(fired, ExecutionDocument.class) >= 200);
        // both nodes keep scanning every second: give them several more passes to double anything
        sleep(4_000);

        List<ExecutionDocument> executions = mongo.find(fired, ExecutionDocument.class);
        Map<String, Long> perFireTime = executions.stream().collect(Collectors.groupingBy(
                e -> e.taskId() + "@" + e.trigger().fireTime(), Collectors.counting()));
        assertThat(executions).hasSize(200);
        assertThat(perFireTime).hasSize(200).allSatisfy((fire, count) -> assertThat(count).as(fire).isEqualTo(1));
        assertThat(executions).allSatisfy(e -> assertThat(e.trigger().fireTime()).isEqualTo(due));
        assertThat(mongo.find(new Query(Criteria.where("taskId").in(tasks)), ScheduleState.class))
                .allSatisfy(s -> assertThat(s.lastFire()).isEqualTo(due));

        // and every run they queued was worked on by one of the two JVMs. Which one is not pinned: a node claims
        // all its free worker slots in one write, so one node may take all 200 short runs before the other polls
        // (seen on clean-clone CI); the SIGKILL test below pins that the other node finishes what one leaves.
        awaitTrue(Duration.ofSeconds(120), () -> mongo.count(new Query(Criteria.where("taskId").in(tasks).and("status")
                .in(ExecutionStatus.Queued.name(), ExecutionStatus.Running.name())), ExecutionDocument.class) == 0);
        Set<String> nodes = new HashSet<>(mongo.findDistinct(new Query(Criteria.where("executionId")
                .in(executions.stream().map(ExecutionDocument::id).toList())), "node", LogChunk.class, String.class));
        assertThat(nodes).as("nodes that ran the fired executions").isNotEmpty()
                .allMatch(n -> n.startsWith(second.pid() + "@") || n.startsWith(ProcessHandle.current().pid() + "@"));
    }

    @Test
    @Order(3)
    void aStopAskedOfOneNodeStopsTheRunOfTheOther() {
        String report = customerReport();
        String task = w.task(TenantFixture.unique("Stopped elsewhere"));
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", true, "emailAttachment", false,
                "filters", List.of(Map.of("id", w.filter("customer", customers(400)), "order", 1))));
        Workers firstWorkers = first.bean(Workers.class);
        firstWorkers.stop();
        try {
            Answer queued = w.http.postJson("/api/v1/tasks/" + task + "/run", w.creator.key(), "");
            String id = queued.data().get("id").asString();
            awaitTrue(Duration.ofSeconds(60), () -> mongo.count(new Query(Criteria.where("executionId").is(id)),
                    ExecutionFile.class) >= 5);
            assertThat(mongo.findById(id, ExecutionDocument.class).leaseOwner()).startsWith(second.pid() + "@");

            // asked of this node, which does not run it: only the store tells the second node (its heartbeat)
            Answer stop = w.http.postJson("/api/v1/status/" + id + "/stop", w.creator.key(), "");
            assertThat(stop.status()).as(stop.body()).isEqualTo(200);

            JsonNode ended = w.waitFor("/api/v1/status/tasks/", id, Duration.ofSeconds(60));
            assertThat(ended.get("status").asString()).as(w.log(id)).isEqualTo("Aborted");
            assertThat(mongo.count(new Query(Criteria.where("executionId").is(id)), ExecutionFile.class)).isLessThan(400);
        } finally {
            firstWorkers.start();
        }
    }

    @Test
    @Order(4)
    void aNodeKilledInTheMiddleOfABurstLeavesTheOtherToFinishItMailingEveryRecipientOnceAndDeliveringEveryFileOnce()
            throws Exception {
        Map<String, String> emailOf = customerEmails(300);
        List<String> customers = List.copyOf(emailOf.keySet());
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", greenMail.getSmtp().getPort());
        smtp.put("security", "None");
        smtp.put("requireAuthentication", false);
        smtp.put("fromName", "Sales reports");
        smtp.put("fromAddress", "reports@example.com");
        Answer saved = w.http.putJson("/api/v1/organizations/" + w.orgA.id() + "/smtp-settings", w.admin.key(), Http.json(smtp));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        String report = customerReport();
        String task = w.task(TenantFixture.unique("Burst of 300"));
        String folder = "burst-" + task.substring(0, 8);
        w.taskReport(task, body("reportID", report, "format", "Html", "emailEmbedment", false, "emailAttachment", true,
                "filters", List.of(Map.of("id", w.filter("customer", customers), "order", 1)),
                "iterationOptions", Map.of("emailVisibilityVariable", AppElementIds.variable(ExecutionWorld.SALES_DEMO, "vRecipient")),
                "fileStorage", Map.of("enabled", true, "folder", folder)));
        Answer email = w.put("/api/v1/tasks/" + task + "/email", w.creator.key(), body("from", "reports@example.com",
                "subject", "{{IterationValue}}", "message", "<p>Your sales, {{IterationValue}}.</p>", "isActive", true,
                "oneToAll", false));
        assertThat(email.status()).as(email.body()).isEqualTo(200);
        greenMail.purgeEmailFromAllMailboxes();

        // this node stands aside so that the second one claims the burst; it takes it over once the second is dead
        Workers firstWorkers = first.bean(Workers.class);
        firstWorkers.stop();
        String id;
        try {
            Answer queued = second.http().postJson("/api/v1/tasks/" + task + "/run", w.creator.key(), "");
            assertThat(queued.status()).as(queued.body()).isEqualTo(200);
            id = queued.data().get("id").asString();
            Query sent = new Query(Criteria.where("executionId").is(id).and("target").is(EmailStep.TARGET)
                    .and("state").is(DeliveryDocument.SENT));
            awaitTrue(Duration.ofSeconds(180), () -> mongo.count(sent, DeliveryDocument.class) >= 40);
            ExecutionDocument running = mongo.findById(id, ExecutionDocument.class);
            assertThat(running.leaseOwner()).startsWith(second.pid() + "@");

            assertThat(second.kill()).as("killed by SIGKILL").isEqualTo(137);
            long mailedBeforeKill = mongo.count(sent, DeliveryDocument.class);
            assertThat(mailedBeforeKill).as("the kill came in the middle of the mailing").isLessThan(300);
        } finally {
            firstWorkers.start();
        }

        JsonNode ended = w.waitFor("/api/v1/status/tasks/", id, Duration.ofSeconds(180));
        String log = w.log(id);
        assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
        assertThat(ended.get("attempts").asInt()).as("claimed by the killed node, then by this one").isEqualTo(2);
        assertThat(log).contains("Resuming");

        // every file rendered once, delivered once per (file, target, recipient), and on disk once
        List<ExecutionFile> files = mongo.find(new Query(Criteria.where("executionId").is(id)), ExecutionFile.class);
        assertThat(files).hasSize(300);
        assertThat(files.stream().map(ExecutionFile::fileKey).distinct()).hasSize(300);
        List<DeliveryDocument> deliveries = mongo.find(new Query(Criteria.where("executionId").is(id)), DeliveryDocument.class);
        Map<String, Long> perFileAndTarget = deliveries.stream().collect(Collectors.groupingBy(
                d -> d.fileKey() + "|" + d.target() + "|" + d.recipient(), Collectors.counting()));
        assertThat(perFileAndTarget).hasSize(600).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(deliveries).filteredOn(d -> d.target().equals("folder")).hasSize(300)
                .allSatisfy(d -> assertThat(d.state()).as(d.fileKey()).isEqualTo(DeliveryDocument.DONE));
        List<DeliveryDocument> mailed = deliveries.stream().filter(d -> d.target().equals(EmailStep.TARGET)).toList();
        assertThat(mailed).hasSize(300)
                .allSatisfy(d -> assertThat(d.state()).as(d.recipient()).isEqualTo(DeliveryDocument.SENT));
        Path delivered = dataDir.resolve("deliveries/files").resolve(w.orgA.id()).resolve(folder);
        try (Stream<Path> listed = Files.list(delivered)) {
            List<String> names = listed.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("no temporary file left either").hasSize(300).doesNotHaveDuplicates();
            assertThat(names).containsExactlyInAnyOrderElementsOf(files.stream().map(ExecutionFile::fileName).toList());
        }

        // every customer got one message, with its own file attached, and nobody else got any
        Map<String, List<MimeMessage>> mails = received();
        assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(emailOf.values());
        Map<String, DeliveryDocument> ledger = mailed.stream().collect(Collectors.toMap(DeliveryDocument::recipient, d -> d));
        // the one message the killed node was sending is sent again by this node: the SMTP server may have accepted the
        // dead node's copy just before the kill (nothing can ask it), then the recipient has two copies of one message,
        // under one Message-ID; any other recipient has exactly one
        List<DeliveryDocument> resent = mailed.stream().filter(d -> d.attempts() > 1).toList();
        assertThat(resent).as("messages whose outcome the killed node did not record").hasSizeLessThanOrEqualTo(1);
        for (String customer : customers) {
            String address = emailOf.get(customer);
            List<MimeMessage> got = mails.get(address);
            DeliveryDocument record = ledger.get(address);
            assertThat(got.size()).as(address).isBetween(1, record.attempts());
            for (MimeMessage message : got) {
                assertThat(message.getMessageID()).as(address).isEqualTo(record.location());
                assertThat(EmailDeliveryTest.attachmentNames(message)).as(address).containsExactly("Sales-" + customer + ".html");
                assertThat(EmailDeliveryTest.addresses(message.getAllRecipients())).containsExactly(address);
            }
        }
        long copies = mails.values().stream().mapToInt(List::size).sum();
        System.out.println("TwoNodesTest: " + copies + " messages for 300 recipients; " + resent.size()
                + " message(s) resent after the kill" + resent.stream().map(d -> " (" + d.recipient() + ": "
                + mails.get(d.recipient()).size() + " cop" + (mails.get(d.recipient()).size() == 1 ? "y)" : "ies, one Message-ID)"))
                .collect(Collectors.joining()));
    }

    // ---- helpers ----

    /** An active task with one daily schedule, written as the task feature stores it. */
    static String scheduledTask() {
        TaskSchedule schedule = new TaskSchedule(UUID.randomUUID().toString(), "Daily", null, true, "Daily", "Queue", 0,
                "Europe/Paris", null, null, 7, 0, null, null, null, null, null, null, null, null);
        String name = "Scheduled " + UUID.randomUUID();
        Instant now = Instant.now();
        return mongo.insert(new TaskDocument(UUID.randomUUID().toString(), w.projectId, w.orgA.id(), name, AssetNames.key(name),
                null, w.creator.id(), null, true, false, null, false, false, false, false, null, null, null, null, List.of(),
                List.of(schedule), List.of(), List.of(), now, now)).id();
    }

    /** An HTML report iterated over the customer field, one file per customer named after them. */
    static String customerReport() {
        String id = w.report(false);
        String name = mongo.findById(id, Document.class, "reports").getString("name");
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("name", name);
        update.put("isIteration", true);
        update.put("iterationFields", List.of(Map.of("fieldName", "customer")));
        update.put("dynamicNames", List.of(Map.of("type", "Text", "value", "Sales"), Map.of("type", "Field", "value", "customer")));
        update.put("dynamicNameSeparator", "-");
        Answer updated = w.put("/api/v1/reports/" + id, w.creator.key(), update);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        return id;
    }

    /** The first {@code count} customers of the demo app and their email addresses (lower case), in order. */
    static Map<String, String> customerEmails(int count) {
        try (Stream<String> lines = Files.lines(dataDir.resolve("demo-apps/sales-demo/customers.csv"))) {
            Map<String, String> emails = new LinkedHashMap<>();
            lines.skip(1).limit(count).map(line -> line.replace("\"", "").split(","))
                    .forEach(cells -> emails.put(cells[0], cells[1].toLowerCase(java.util.Locale.ROOT)));
            return emails;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What GreenMail received, per envelope recipient (one stored message per recipient). */
    static Map<String, List<MimeMessage>> received() throws Exception {
        Map<String, List<MimeMessage>> byRecipient = new java.util.TreeMap<>();
        for (var user : greenMail.getUserManager().listUser()) {
            List<MimeMessage> messages = new ArrayList<>();
            for (var stored : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                messages.add(stored.getMimeMessage());
            }
            if (!messages.isEmpty()) {
                byRecipient.put(user.getEmail().toLowerCase(java.util.Locale.ROOT), messages);
            }
        }
        return byRecipient;
    }

    /** The first {@code count} customers of the demo app (its customers.csv: a header, then one customer a line). */
    static List<String> customers(int count) {
        try (Stream<String> lines = Files.lines(dataDir.resolve("demo-apps/sales-demo/customers.csv"))) {
            return lines.skip(1).limit(count).map(line -> line.split(",", 2)[0].replace("\"", "")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout + "; second node:\n" + second.lastLines());
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
