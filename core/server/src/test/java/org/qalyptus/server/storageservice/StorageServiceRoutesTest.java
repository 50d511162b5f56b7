package org.qalyptus.server.storageservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** The Storage services routes against the real server, with the Folder plugin from the source tree. */
class StorageServiceRoutesTest {

    static RunningServer server;
    static Http http;
    static TenantFixture tenants;
    static Org org;
    static Org elsewhere;
    static Person admin;
    static Person creator;
    static Person explorer;
    static Person viewer;
    static Person stranger;
    static Path deliveries;

    @BeforeAll
    static void tenants() throws Exception {
        server = SharedServer.get();
        http = server.http();
        tenants = new TenantFixture(server);
        org = tenants.organization("Storage");
        elsewhere = tenants.organization("Storage elsewhere");
        admin = tenants.administrator(org);
        creator = tenants.member(org, "Member", "Creator");
        explorer = tenants.member(org, "Member", "Explorer");
        viewer = tenants.viewer(org);
        stranger = tenants.administrator(elsewhere);
        deliveries = Files.createDirectories(server.dataDir().resolve("deliveries").resolve(TenantFixture.unique("out")));
    }

    static Map<String, Object> folder(String name, Object rootFolder) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", "Folder");
        body.put("settings", rootFolder == null ? Map.of() : Map.of("rootFolder", rootFolder));
        return body;
    }

    static Answer create(Person who, Map<String, Object> body) {
        return http.postJson("/api/v1/storage-services", who.key(), Http.json(body));
    }

    static String created(Person who, String name) {
        Answer answer = create(who, folder(name, deliveries.toString()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().get("id").asString();
    }

    static long count() {
        return server.bean(MongoTemplate.class).getCollection("storageServices").countDocuments();
    }

    @Test
    void aCreatorCreatesAFolderServiceAndOwnsIt() {
        Answer answer = create(creator, folder(TenantFixture.unique("Out"), deliveries.toString()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("isSuccess").asBoolean()).isTrue();
        assertThat(answer.data().get("type").asString()).isEqualTo("Folder");
        assertThat(answer.data().get("organizationID").asString()).isEqualTo(org.id());
        assertThat(answer.data().get("settings").get("rootFolder").asString()).isEqualTo(deliveries.toString());
        assertThat(answer.data().get("owner").asString()).isEqualTo(creator.id());
        assertThat(answer.data().get("isMine").asBoolean()).isTrue();
        assertThat(answer.data().get("version").asLong()).isZero();
    }

    @Test
    void theTypeIsMatchedIgnoringCaseAndAnswersItsCanonicalName() {
        Map<String, Object> body = folder(TenantFixture.unique("Case"), deliveries.toString());
        body.put("type", "folder");
        Answer answer = create(creator, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data().get("type").asString()).isEqualTo("Folder");
    }

    @Test
    void creatingWithoutNameOrTypeListsEveryFieldAndStoresNothing() {
        long before = count();
        Answer answer = create(creator, Map.of("description", "x"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errorDetails").toString()).contains("\"name\"").contains("\"type\"");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anUnknownTypeIs400NamingTheInstalledOnes() {
        Map<String, Object> body = folder("x", deliveries.toString());
        body.put("type", "Dropbox");
        Answer answer = create(creator, body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Dropbox").contains("Folder");
    }

    @Test
    void missingRequiredSettingsAre400PerField() {
        Answer answer = create(creator, folder(TenantFixture.unique("NoRoot"), null));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("settings.rootFolder");
    }

    @Test
    void aFolderOutsideTheAllowedRootsIsRefused() {
        long before = count();
        for (String path : List.of("/etc", "/tmp", deliveries.getParent().getParent().toString(),
                deliveries + "/../../..", "relative/path")) {
            Answer answer = create(admin, folder(TenantFixture.unique("Escape"), path));
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("settings.rootFolder");
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aSymbolicLinkOutOfTheAllowedRootsIsRefused() throws Exception {
        Path link = deliveries.resolve(TenantFixture.unique("link"));
        Files.createSymbolicLink(link, Path.of("/etc"));
        Answer answer = create(admin, folder(TenantFixture.unique("Link"), link.toString()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    }

    @Test
    void flatApiFieldsThatTheTypeDoesNotHaveAre400() {
        Map<String, Object> body = folder(TenantFixture.unique("Flat"), deliveries.toString());
        body.put("host", "ftp.example.com");
        body.put("sftpPort", 22);
        Answer answer = create(creator, body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errorDetails").toString()).contains("\"host\"").contains("\"sftpPort\"");
    }

    @Test
    void wrongJsonTypesAre400() {
        Answer answer = http.postJson("/api/v1/storage-services", creator.key(),
                "{\"name\":\"x\",\"type\":\"Folder\",\"sftpPort\":\"twenty\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("sftpPort");
    }

    @Test
    void duplicateNamesInAnOrganizationAre409() {
        String name = TenantFixture.unique("Twice");
        created(creator, name);
        long before = count();
        Answer again = create(admin, folder(name.toUpperCase(), deliveries.toString()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void explorersAndViewersMayNotCreate() {
        assertThat(create(explorer, folder(TenantFixture.unique("E"), deliveries.toString())).status()).isEqualTo(403);
        assertThat(create(viewer, folder(TenantFixture.unique("V"), deliveries.toString())).status()).isEqualTo(403);
    }

    @Test
    void withoutCredentialsEveryRouteIs401() {
        String id = created(creator, TenantFixture.unique("Auth"));
        assertThat(http.get("/api/v1/storage-services", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/storage-services/" + id, null).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/storage-services", null, "{}").status()).isEqualTo(401);
        assertThat(http.putJson("/api/v1/storage-services/" + id, null, "{}").status()).isEqualTo(401);
        assertThat(http.delete("/api/v1/storage-services/" + id, null).status()).isEqualTo(401);
        assertThat(http.deleteJson("/api/v1/storage-services", null, "[\"" + id + "\"]").status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/storage-services/" + id + "/test", null, "").status()).isEqualTo(401);
    }

    @Test
    void everyMemberSeesTheOrganizationsServicesButNoOtherOrganizationDoes() {
        String id = created(creator, TenantFixture.unique("Seen"));
        assertThat(http.get("/api/v1/storage-services/" + id, viewer.key()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/storage-services", viewer.key()).body()).contains(id);
        assertThat(http.get("/api/v1/storage-services/" + id, stranger.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/storage-services", stranger.key()).body()).doesNotContain(id);
        assertThat(http.get("/api/v1/storage-services/" + UUID.randomUUID(), viewer.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/storage-services/not-a-uuid", viewer.key()).status()).isEqualTo(400);
    }

    @Test
    void theOwnerAndAdministratorsChangeItOthersGet403AndNothingChanges() {
        String id = created(creator, TenantFixture.unique("Guarded"));
        Map<String, Object> rename = folder(TenantFixture.unique("Renamed"), deliveries.toString());
        assertThat(http.putJson("/api/v1/storage-services/" + id, explorer.key(), Http.json(rename)).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/storage-services/" + id, viewer.key()).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/storage-services/" + id + "/test", explorer.key(), "").status()).isEqualTo(403);
        assertThat(http.putJson("/api/v1/storage-services/" + id, stranger.key(), Http.json(rename)).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/storage-services/" + id, creator.key()).data().get("version").asLong()).isZero();

        Answer byAdmin = http.putJson("/api/v1/storage-services/" + id, admin.key(), Http.json(rename));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.data().get("name").asString()).isEqualTo(rename.get("name"));
        assertThat(byAdmin.data().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theTypeCannotChange() {
        String id = created(creator, TenantFixture.unique("Typed"));
        Map<String, Object> body = folder(TenantFixture.unique("Typed"), deliveries.toString());
        body.put("type", "Ftp");
        assertThat(http.putJson("/api/v1/storage-services/" + id, creator.key(), Http.json(body)).status()).isEqualTo(400);
    }

    @Test
    void anUpdateBasedOnAStaleVersionIs409() {
        String id = created(creator, TenantFixture.unique("Versioned"));
        Map<String, Object> first = folder(TenantFixture.unique("First"), deliveries.toString());
        first.put("version", 0);
        assertThat(http.putJson("/api/v1/storage-services/" + id, creator.key(), Http.json(first)).status()).isEqualTo(200);
        Map<String, Object> second = folder(TenantFixture.unique("Second"), deliveries.toString());
        second.put("version", 0);
        Answer stale = http.putJson("/api/v1/storage-services/" + id, creator.key(), Http.json(second));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(http.get("/api/v1/storage-services/" + id, creator.key()).data().get("name").asString())
                .isEqualTo(first.get("name"));
        Answer byHeader = http.send(http.request("/api/v1/storage-services/" + id, creator.key())
                .header("Content-Type", "application/json").header("If-Match", "\"0\"")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Http.json(folder("Third", deliveries.toString())))));
        assertThat(byHeader.status()).isEqualTo(409);
    }

    @Test
    void testingAReachableFolderSucceedsAndAMissingOneSaysWhy() throws Exception {
        String id = created(creator, TenantFixture.unique("Tested"));
        Answer ok = http.postJson("/api/v1/storage-services/" + id + "/test", creator.key(), "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.data().toString()).contains("true");
        try (var files = Files.list(deliveries)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".")).toList()).isEmpty();
        }
        Path gone = Files.createDirectories(deliveries.resolve(TenantFixture.unique("gone")));
        String goneId = create(creator, folder(TenantFixture.unique("Gone"), gone.toString())).data().get("id").asString();
        Files.delete(gone);
        Answer failed = http.postJson("/api/v1/storage-services/" + goneId + "/test", creator.key(), "");
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.data().toString()).contains("false");
    }

    @Test
    void bulkDeleteIsAllOrNone() {
        String mine = created(creator, TenantFixture.unique("Mine"));
        String others = created(admin, TenantFixture.unique("Others"));
        Answer refused = http.deleteJson("/api/v1/storage-services", creator.key(), Http.json(List.of(mine, others)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(http.get("/api/v1/storage-services/" + mine, creator.key()).status()).isEqualTo(200);
        Answer unknown = http.deleteJson("/api/v1/storage-services", admin.key(),
                Http.json(List.of(mine, UUID.randomUUID().toString())));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(http.get("/api/v1/storage-services/" + mine, creator.key()).status()).isEqualTo(200);
        assertThat(http.deleteJson("/api/v1/storage-services", admin.key(), "[]").status()).isEqualTo(400);
        assertThat(http.deleteJson("/api/v1/storage-services", admin.key(), "[\"nope\"]").status()).isEqualTo(400);
        Answer done = http.deleteJson("/api/v1/storage-services", admin.key(), Http.json(List.of(mine, others)));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/storage-services/" + mine, creator.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/storage-services/" + others, creator.key()).status()).isEqualTo(404);
    }

    @Test
    void theOwnerDeletesOne() {
        String id = created(creator, TenantFixture.unique("Deleted"));
        assertThat(http.delete("/api/v1/storage-services/" + id, creator.key()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/storage-services/" + id, creator.key()).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/storage-services/" + id, creator.key()).status()).isEqualTo(404);
    }
}
