package org.qalyptus.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The SMTP settings routes of an organization, against the real server and GreenMail. */
class SmtpSettingsRoutesTest {

    static GreenMail greenMail;
    static final RunningServer server = SharedServer.get();
    static final Http http = server.http();
    static final TenantFixture tenant = new TenantFixture(server);

    @BeforeAll
    static void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.setUser("relay@example.com", "relay@example.com", "relay-Passw0rd");
        greenMail.start();
    }

    @AfterAll
    static void stop() {
        greenMail.stop();
    }

    static String path(Org org) {
        return "/api/v1/organizations/" + org.id() + "/smtp-settings";
    }

    static Map<String, Object> settings() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", "127.0.0.1");
        body.put("port", greenMail.getSmtp().getPort());
        body.put("security", "None");
        body.put("requireAuthentication", true);
        body.put("username", "relay@example.com");
        body.put("password", "relay-Passw0rd");
        body.put("fromName", "Sales reports");
        body.put("fromAddress", "reports@example.com");
        body.put("subjectPrefix", "[Reports]");
        return body;
    }

    String stored(Org org) {
        Document document = server.bean(MongoTemplate.class).getCollection("smtpSettings").find(new Document("_id", org.id())).first();
        return document == null ? null : document.toJson();
    }

    @Test
    void anAdministratorSetsTheSettingsAndThePasswordIsNeverReturnedNorStoredInClear() {
        Org org = tenant.organization("Smtp");
        Person admin = tenant.administrator(org);

        Answer put = http.putJson(path(org), admin.key(), Http.json(settings()));

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.data().get("source").asString()).isEqualTo("Organization");
        assertThat(put.data().get("passwordSet").asBoolean()).isTrue();
        assertThat(put.data().get("port").asInt()).isEqualTo(greenMail.getSmtp().getPort());
        assertThat(put.body()).doesNotContain("relay-Passw0rd").doesNotContain("\"password\"");
        Answer get = http.get(path(org), admin.key());
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).doesNotContain("relay-Passw0rd");
        assertThat(get.data().get("fromAddress").asString()).isEqualTo("reports@example.com");
        assertThat(stored(org)).doesNotContain("relay-Passw0rd").contains("v1:");

        Map<String, Object> keepPassword = settings();
        keepPassword.remove("password");
        keepPassword.put("subjectPrefix", "[R2]");
        Answer update = http.putJson(path(org), admin.key(), Http.json(keepPassword));
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.data().get("passwordSet").asBoolean()).isTrue();
        assertThat(update.data().get("subjectPrefix").asString()).isEqualTo("[R2]");
    }

    @Test
    void theTestMailReachesTheServerWithTheSenderAndSubjectPrefixAndAnswersTheConversation() throws Exception {
        Org org = tenant.organization("SmtpTest");
        Person admin = tenant.administrator(org);
        assertThat(http.putJson(path(org), admin.key(), Http.json(settings())).status()).isEqualTo(200);
        String to = TenantFixture.unique("test") + "@example.com";

        Answer answer = http.postJson(path(org) + "/test", admin.key(), Http.json(Map.of("to", to)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data().get("status").asString()).isEqualTo("SENT");
        assertThat(answer.data().get("delivered").asBoolean()).isTrue();
        assertThat(answer.body()).contains("RCPT TO:<" + to + ">").contains("AUTH").doesNotContain("relay-Passw0rd");
        var received = java.util.Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (Exception e) {
                return false;
            }
        }).toList();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("[Reports] Qalyptus test email");
            assertThat(m.getFrom()[0].toString()).contains("reports@example.com").contains("Sales reports");
            assertThat(m.getMessageID()).isEqualTo(answer.data().get("messageId").asString());
        });
    }

    @Test
    void aWrongPasswordIsAFailedTestWithTheConversation() {
        Org org = tenant.organization("SmtpBad");
        Person admin = tenant.administrator(org);
        Map<String, Object> wrong = settings();
        wrong.put("password", "not-the-password");
        http.putJson(path(org), admin.key(), Http.json(wrong));

        Answer answer = http.postJson(path(org) + "/test", admin.key(), Http.json(Map.of("to", "x@example.com")));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().get("status").asString()).isEqualTo("FAILED");
        assertThat(answer.body()).contains("535").doesNotContain("not-the-password");
    }

    @Test
    void membersAre403OtherOrganizations404AndNothingChanges() {
        Org org = tenant.organization("SmtpAccess");
        Org other = tenant.organization("SmtpOther");
        Person admin = tenant.administrator(org);
        Person member = tenant.viewer(org);
        Person outsider = tenant.administrator(other);
        http.putJson(path(org), admin.key(), Http.json(settings()));
        String before = stored(org);

        assertThat(http.get(path(org), member.key()).status()).isEqualTo(403);
        assertThat(http.putJson(path(org), member.key(), Http.json(Map.of("host", "evil.example.com"))).status()).isEqualTo(403);
        assertThat(http.delete(path(org), member.key()).status()).isEqualTo(403);
        assertThat(http.postJson(path(org) + "/test", member.key(), Http.json(Map.of("to", "x@example.com"))).status()).isEqualTo(403);
        assertThat(http.get(path(org), outsider.key()).status()).isEqualTo(404);
        assertThat(http.putJson(path(org), outsider.key(), Http.json(settings())).status()).isEqualTo(404);
        assertThat(http.delete(path(org), outsider.key()).status()).isEqualTo(404);
        assertThat(http.get(path(org), null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/organizations/" + java.util.UUID.randomUUID() + "/smtp-settings",
                tenant.owner().session()).status()).isEqualTo(404);
        assertThat(stored(org)).isEqualTo(before);
        assertThat(http.get(path(org), tenant.owner().session()).status()).isEqualTo(200);
    }

    @Test
    void invalidSettingsAre400WithFieldErrorsAndChangeNothing() {
        Org org = tenant.organization("SmtpInvalid");
        Person admin = tenant.administrator(org);
        http.putJson(path(org), admin.key(), Http.json(settings()));
        String before = stored(org);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("host", "smtp example.com");
        bad.put("port", 70000);
        bad.put("requireAuthentication", true);
        bad.put("fromAddress", "not-an-address");
        bad.put("subjectPrefix", "[x]\r\nBcc: evil@example.com");
        bad.put("timeoutSeconds", 0);

        Answer answer = http.putJson(path(org), admin.key(), Http.json(bad));

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new java.util.ArrayList<>();
        answer.json().get("errorDetails").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("host", "port", "username", "fromAddress", "subjectPrefix", "timeoutSeconds");
        assertThat(http.putJson(path(org), admin.key(), "{\"security\":\"Carrier pigeon\"}").status()).isEqualTo(400);
        assertThat(http.postJson(path(org) + "/test", admin.key(), Http.json(Map.of("to", "a@b.c\r\nRCPT TO:<x@y.z>"))).status())
                .isEqualTo(400);
        assertThat(stored(org)).isEqualTo(before);
    }

    @Test
    void deletingFallsBackToTheServerWideSettingsAndASecondDeleteIs404() {
        Org org = tenant.organization("SmtpDelete");
        Person admin = tenant.administrator(org);
        http.putJson(path(org), admin.key(), Http.json(settings()));

        Answer deleted = http.delete(path(org), admin.key());

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().get("source").asString()).isIn("Server", "None");
        assertThat(stored(org)).isNull();
        assertThat(http.delete(path(org), admin.key()).status()).isEqualTo(404);
        Answer test = http.postJson(path(org) + "/test", admin.key(), Http.json(Map.of("to", "x@example.com")));
        assertThat(test.data().get("status").asString()).isIn("NOT_CONFIGURED", "SENT", "FAILED");
    }

    @Test
    void theRoutesAreInTheOpenApiDocument() {
        var paths = http.get("/api/v1/openapi.json", null).json().get("paths");
        assertThat(paths.has("/api/v1/organizations/{id}/smtp-settings")).isTrue();
        assertThat(paths.get("/api/v1/organizations/{id}/smtp-settings").has("put")).isTrue();
        assertThat(paths.has("/api/v1/organizations/{id}/smtp-settings/test")).isTrue();
    }
}
