package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.audit.AuditService;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Connections, hub, event signing, audit log and SMTP settings through GraphQL: REST's data and refusals. */
class ExtensionsGraphqlTest {

    static ContentFixture f;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static JsonNode mutate(String key, String mutation, String inputType, String selection, Map<String, Object> input) {
        JsonNode answer = graphql(key, "mutation($in: " + inputType + "!) { " + mutation + "(input: $in) { " + selection
                + " userErrors { field code message } } }", Map.of("in", input));
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.get("data").get(mutation);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            default -> "HTTP " + status;
        };
    }

    @Test
    void aConnectionManagedThroughGraphqlIsTheOneRestShows() {
        String folder = f.server.dataDir().resolve("demo-apps").toString();
        JsonNode created = mutate(f.administrator.key(), "createConnection", "CreateConnectionInput",
                "connection { id name type organizationId settings { name value } }", Map.of("name",
                        ContentFixture.unique("Apps"), "type", "Embedded", "organizationId", f.orgA.id(),
                        "settings", List.of(Map.of("name", "appsFolder", "value", folder))));
        assertThat(created.get("userErrors")).isEmpty();
        String id = created.get("connection").get("id").asString();
        JsonNode rest = f.http.get("/api/v1/connections/" + id, f.administrator.key()).data();
        assertThat(rest.get("name").asString()).isEqualTo(created.get("connection").get("name").asString());
        assertThat(rest.get("settings").get("appsFolder").asString()).isEqualTo(folder);
        JsonNode read = graphql(f.administrator.key(), "query($id: ID!) { connection(id: $id) { name type } }",
                Map.of("id", id)).get("data").get("connection");
        assertThat(read.get("type").asString()).isEqualTo("Embedded");

        JsonNode tested = mutate(f.administrator.key(), "testConnection", "ConnectionIdInput", "result { ok message }",
                Map.of("id", id));
        JsonNode restTest = f.http.postJson("/api/v1/connections/" + id + "/test", f.administrator.key(), "").data();
        assertThat(tested.get("result").get("ok").asBoolean()).isEqualTo(restTest.get("ok").asBoolean()).isTrue();

        String renamed = ContentFixture.unique("Renamed");
        JsonNode updated = mutate(f.administrator.key(), "updateConnection", "UpdateConnectionInput", "connection { name }",
                Map.of("id", id, "name", renamed, "settings", List.of(Map.of("name", "appsFolder", "value", folder))));
        assertThat(updated.get("connection").get("name").asString()).isEqualTo(renamed);
        JsonNode typeChange = mutate(f.administrator.key(), "updateConnection", "UpdateConnectionInput", "connection { name }",
                Map.of("id", id, "name", renamed, "type", "QlikSense"));
        assertThat(typeChange.get("userErrors").get(0).get("field").asString()).isEqualTo("input.type");

        Answer restRefusal = f.http.postJson("/api/v1/connections", f.creator.key(), Http.json(Map.of("name", "X",
                "type", "Embedded", "organizationID", f.orgA.id(), "settings", Map.of("appsFolder", folder))));
        JsonNode refused = mutate(f.creator.key(), "createConnection", "CreateConnectionInput", "connection { id }",
                Map.of("name", "X", "type", "Embedded", "organizationId", f.orgA.id(),
                        "settings", List.of(Map.of("name", "appsFolder", "value", folder))));
        assertThat(refused.get("connection").isNull()).isTrue();
        assertThat(refused.get("userErrors").get(0).get("code").asString()).isEqualTo(code(restRefusal.status()));

        int restNoApp = f.http.delete("/api/v1/connections/" + id + "/apps/no-such-app", f.administrator.key()).status();
        JsonNode noApp = mutate(f.administrator.key(), "removeConnectionApp", "RemoveConnectionAppInput", "connection { id }",
                Map.of("id", id, "appId", "no-such-app"));
        assertThat(noApp.get("userErrors").get(0).get("code").asString()).isEqualTo(code(restNoApp));

        JsonNode deleted = mutate(f.administrator.key(), "deleteConnection", "ConnectionIdInput", "deletedIds",
                Map.of("id", id));
        assertThat(deleted.get("deletedIds").get(0).asString()).isEqualTo(id);
        assertThat(f.http.get("/api/v1/connections/" + id, f.administrator.key()).status()).isEqualTo(404);
    }

    @Test
    void hubFilesAreTheOnesRestLists() {
        JsonNode rest = f.http.get("/api/v1/hub/files", f.creator.key()).data();
        JsonNode files = graphql(f.creator.key(), "{ hubFiles(first: 100) { totalCount nodes { id fileName downloadUrl } } }",
                Map.of()).get("data").get("hubFiles");
        assertThat(files.get("totalCount").asInt()).isEqualTo(rest.size());
        assertThat(files.get("nodes").findValuesAsString("id")).isEqualTo(rest.findValuesAsString("id"));
    }

    @Test
    void theSigningSecretIsAnsweredOnceAndOnlyToAdministrators() {
        String query = "query($o: ID!) { eventSigning(organizationId: $o) { organizationId isSet secret headers } }";
        JsonNode before = graphql(f.administrator.key(), query, Map.of("o", f.orgA.id())).get("data").get("eventSigning");
        assertThat(before.get("isSet").asBoolean()).isFalse();

        JsonNode rotated = mutate(f.administrator.key(), "rotateEventSigningSecret", "EventSigningInput",
                "eventSigning { isSet secret }", Map.of("organizationId", f.orgA.id()));
        assertThat(rotated.get("eventSigning").get("secret").asString()).isNotBlank();
        JsonNode after = graphql(f.administrator.key(), query, Map.of("o", f.orgA.id())).get("data").get("eventSigning");
        assertThat(after.get("isSet").asBoolean()).isTrue();
        assertThat(after.get("secret").isNull()).isTrue();
        JsonNode rest = f.http.get("/api/v1/events/signing-secrets/" + f.orgA.id(), f.administrator.key()).data();
        assertThat(rest.get("isSet").asBoolean()).isTrue();

        int restCreator = f.http.postJson("/api/v1/events/signing-secrets/" + f.orgA.id(), f.creator.key(), "").status();
        JsonNode creator = mutate(f.creator.key(), "rotateEventSigningSecret", "EventSigningInput", "eventSigning { secret }",
                Map.of("organizationId", f.orgA.id()));
        assertThat(creator.get("eventSigning").isNull()).isTrue();
        assertThat(creator.get("userErrors").get(0).get("code").asString()).isEqualTo(code(restCreator));

        JsonNode removed = mutate(f.administrator.key(), "removeEventSigningSecret", "EventSigningInput", "eventSigning { isSet }",
                Map.of("organizationId", f.orgA.id()));
        assertThat(removed.get("eventSigning").get("isSet").asBoolean()).isFalse();
    }

    @Test
    void theAuditLogIsRestsInPagesAndFilters() {
        AuditService audit = f.server.bean(AuditService.class);
        for (int i = 0; i < 3; i++) {
            audit.record(new AuditService.Event(f.orgA.id(), "LOGIN", i == 0 ? "FAILURE" : "SUCCESS", null, "sign-in " + i,
                    f.creator.id(), "Person" + i + "@Example.com", null, "127.0.0.1"));
        }
        audit.record(new AuditService.Event(f.orgB.id(), "LOGIN", "SUCCESS", null, "other", null, "b@example.com", null, null));
        JsonNode rest = f.http.get("/api/v1/audit-log?organizationId=" + f.orgA.id() + "&pageSize=100", f.administrator.key())
                .data();
        String query = """
                query($o: ID, $outcome: String, $email: String, $after: String) { auditLog(organizationId: $o, outcome: $outcome,
                  email: $email, first: 2, after: $after) { totalCount nodes { id action outcome email createdDate }
                  pageInfo { hasNextPage endCursor } } }""";
        Map<String, Object> variables = new HashMap<>(Map.of("o", f.orgA.id()));
        JsonNode first = graphql(f.administrator.key(), query, variables).get("data").get("auditLog");
        assertThat(first.get("totalCount").asLong()).isEqualTo(rest.get("total").asLong()).isEqualTo(3);
        variables.put("after", first.get("pageInfo").get("endCursor").asString());
        JsonNode second = graphql(f.administrator.key(), query, variables).get("data").get("auditLog");
        List<String> ids = new java.util.ArrayList<>(first.get("nodes").findValuesAsString("id"));
        ids.addAll(second.get("nodes").findValuesAsString("id"));
        assertThat(ids).isEqualTo(rest.get("entries").findValuesAsString("id"));

        JsonNode failures = graphql(f.administrator.key(), query, Map.of("o", f.orgA.id(), "outcome", "FAILURE"))
                .get("data").get("auditLog");
        assertThat(failures.get("nodes").findValuesAsString("email")).containsExactly("Person0@Example.com");
        JsonNode byEmail = graphql(f.administrator.key(), query, Map.of("o", f.orgA.id(), "email", "person2@example.com"))
                .get("data").get("auditLog");
        assertThat(byEmail.get("totalCount").asInt()).isEqualTo(1);

        int restViewer = f.http.get("/api/v1/audit-log?organizationId=" + f.orgA.id(), f.viewer.key()).status();
        JsonNode viewer = graphql(f.viewer.key(), query, Map.of("o", f.orgA.id()));
        assertThat(viewer.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo(code(restViewer));
    }

    @Test
    void smtpSettingsAreRestsAndThePasswordIsNeverAnswered() {
        Map<String, Object> input = new HashMap<>(Map.of("organizationId", f.orgA.id(), "host", "smtp.example.com",
                "port", 587, "security", "StartTls", "requireAuthentication", true, "username", "mailer", "password", "s3cret",
                "fromAddress", "reports@example.com"));
        JsonNode set = mutate(f.administrator.key(), "setSmtpSettings", "SetSmtpSettingsInput",
                "smtpSettings { source host port security passwordSet username }", input);
        assertThat(set.get("userErrors")).isEmpty();
        assertThat(set.get("smtpSettings").get("passwordSet").asBoolean()).isTrue();
        assertThat(set.get("smtpSettings").get("security").asString()).isEqualTo("StartTls");
        Answer rest = f.http.get("/api/v1/organizations/" + f.orgA.id() + "/smtp-settings", f.administrator.key());
        assertThat(rest.body()).doesNotContain("s3cret");
        JsonNode read = graphql(f.administrator.key(), "query($o: ID!) { smtpSettings(organizationId: $o) { source host port } }",
                Map.of("o", f.orgA.id())).get("data").get("smtpSettings");
        assertThat(read.get("host").asString()).isEqualTo(rest.data().get("host").asString());
        assertThat(read.get("source").asString()).isEqualTo(rest.data().get("source").asString()).isEqualTo("Organization");

        input.put("port", 70000);
        JsonNode invalid = mutate(f.administrator.key(), "setSmtpSettings", "SetSmtpSettingsInput", "smtpSettings { port }", input);
        assertThat(invalid.get("userErrors").get(0).get("field").asString()).isEqualTo("input.port");
        assertThat(f.http.get("/api/v1/organizations/" + f.orgA.id() + "/smtp-settings", f.administrator.key()).data()
                .get("port").asInt()).as("nothing changed").isEqualTo(587);

        int restCreator = f.http.get("/api/v1/organizations/" + f.orgA.id() + "/smtp-settings", f.creator.key()).status();
        JsonNode creator = mutate(f.creator.key(), "testSmtpSettings", "TestSmtpSettingsInput", "result { status }",
                Map.of("organizationId", f.orgA.id(), "to", "x@example.com"));
        assertThat(creator.get("userErrors").get(0).get("code").asString()).isEqualTo(code(restCreator));

        JsonNode deleted = mutate(f.administrator.key(), "deleteSmtpSettings", "DeleteSmtpSettingsInput", "smtpSettings { source }",
                Map.of("organizationId", f.orgA.id()));
        assertThat(deleted.get("smtpSettings").get("source").asString()).isNotEqualTo("Organization");
    }
}
