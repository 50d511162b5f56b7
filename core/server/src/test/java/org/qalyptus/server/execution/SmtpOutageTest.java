package org.qalyptus.server.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qalyptus.server.execution.ExecutionWorld.body;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.TenantFixture;
import tools.jackson.databind.JsonNode;

/**
 * The SMTP server goes down while a task runs (GreenMail stopped once the execution is running, before its
 * email step) and comes back on the same port after a pause: the run completes once it is back, every recipient
 * gets each of its mails exactly once.
 *
 * <p>The real scenario is 60 s of outage with the default retry settings (budget 5 min, backoff from 2 s up to
 * 60 s): {@link #theRunCompletesOnceTheSmtpServerIsBackAfterSixtySeconds}, tagged {@code long-running} (excluded
 * from the default build; CI runs it with {@code -Dgroups=long-running -Dqalyptus.test.excluded-groups=none}).
 * The default build runs the same scenario scaled down 20 times: 3 s of outage with backoff from 100 ms up to
 * 3 s and a 15 s budget; the run meets the outage the same way (connection refused, transient, retried with
 * backoff until the server answers) - only the durations differ.
 */
class SmtpOutageTest {

    @Test
    void theRunCompletesOnceTheSmtpServerIsBackAfterAShortOutage() throws Exception {
        outage(Duration.ofSeconds(3), Duration.ofSeconds(60), "--qalyptus.mail.retry-budget=15s",
                "--qalyptus.mail.retry-initial-delay=100ms", "--qalyptus.mail.retry-max-delay=3s");
    }

    @Test
    @Tag("long-running")
    void theRunCompletesOnceTheSmtpServerIsBackAfterSixtySeconds() throws Exception {
        outage(Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    private void outage(Duration pause, Duration patience, String... mailSettings) throws Exception {
        RunningServer server = RunningServer.start(Files.createTempDirectory("qalyptus-outage-"),
                RunningServer.SOURCE_TREE_PLUGINS, mailSettings);
        GreenMail first = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        GreenMail second = null;
        try {
            first.start();
            int port = first.getSmtp().getPort();
            ExecutionWorld w = new ExecutionWorld(server);
            Map<String, Object> smtp = new LinkedHashMap<>();
            smtp.put("host", "127.0.0.1");
            smtp.put("port", port);
            smtp.put("security", "None");
            smtp.put("fromAddress", "reports@example.com");
            smtp.put("connectionTimeoutSeconds", 2);
            assertThat(w.http.putJson("/api/v1/organizations/" + w.orgA.id() + "/smtp-settings", w.admin.key(),
                    Http.json(smtp)).status()).isEqualTo(200);
            String report = w.report(true);
            String task = w.task(TenantFixture.unique("Outage"));
            w.taskReport(task, body("reportID", report, "format", "Pdf", "emailEmbedment", false, "emailAttachment", true,
                    "filters", List.of(Map.of("id", w.filter("region", List.of("Europe", "Asia Pacific", "North America")),
                            "order", 1))));
            List<String> recipients = List.of("r1@example.com", "r2@example.com", "r3@example.com", "r4@example.com");
            Answer added = w.put("/api/v1/tasks/" + task + "/recipients", w.creator.key(),
                    recipients.stream().map(r -> Map.of("type", "Email", "email", r)).toList());
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            Answer email = w.put("/api/v1/tasks/" + task + "/email", w.creator.key(), body("from", "reports@example.com",
                    "subject", "{{IterationValue}}", "message", "<p>Sales</p>", "isActive", true, "oneToAll", false));
            assertThat(email.status()).as(email.body()).isEqualTo(200);

            Answer queued = w.http.postJson("/api/v1/tasks/" + task + "/run", w.creator.key(), "");
            String id = queued.data().get("id").asString();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!w.http.get("/api/v1/status/tasks/" + id, w.creator.key()).data().get("status").asString().equals("Running")) {
                assertThat(System.nanoTime()).as("the run starts").isLessThan(deadline);
                Thread.sleep(5);
            }
            Map<String, Integer> beforeOutage = counts(first);
            first.stop();
            Thread.sleep(pause.toMillis());
            second = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            second.start();
            JsonNode ended = waitFor(w, id, patience);
            String log = w.log(id);

            assertThat(ended.get("status").asString()).as(log).isEqualTo("Completed");
            Map<String, Integer> received = new TreeMap<>(beforeOutage);
            counts(second).forEach((k, v) -> received.merge(k, v, Integer::sum));
            Map<String, Integer> expected = new TreeMap<>();
            recipients.forEach(r -> expected.put(r, 3));
            assertThat(received).as(log).isEqualTo(expected);
            assertThat(log).contains("Emails: 12 sent, 0 partly refused, 0 skipped, 0 failed").containsPattern("after \\d+ attempts");
            String smtpLog = w.http.get("/api/v1/status/tasks/" + id + "/smtp-log", w.creator.key()).body();
            assertThat(smtpLog).contains("Transient failure");
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
            server.close();
        }
    }

    private static Map<String, Integer> counts(GreenMail greenMail) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (var message : greenMail.getReceivedMessages()) {
            for (var to : message.getAllRecipients()) {
                counts.merge(to.toString().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static JsonNode waitFor(ExecutionWorld w, String id, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = w.http.get("/api/v1/status/tasks/" + id, w.creator.key()).data();
            if (!List.of("Queued", "Running").contains(status.get("status").asString())) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("execution " + id + " did not end in " + patience);
    }
}
