package org.qalyptus.server.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.qalyptus.server.user.UserRepository;
import tools.jackson.databind.JsonNode;

class OrganizationRoutesTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);

    private static String body(Object value) {
        return Http.json(value);
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asString()).toList();
    }

    private static List<String> errorFields(Answer answer) {
        return answer.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void tenantAdministratorCreatesAnOrganizationWithItsAllUsersGroup() {
        Person owner = tenant.owner();
        Answer created = http.postJson("/api/v1/organizations", owner.session(), body(Map.of(
                "displayName", "Sales Europe", "description", "EU sales", "themeID", UUID.randomUUID().toString())));

        assertThat(created.status()).isEqualTo(200);
        JsonNode data = created.data();
        assertThat(data.get("displayName").asString()).isEqualTo("Sales Europe");
        assertThat(data.get("name").asString()).startsWith("sales-europe");
        assertThat(data.get("isDefault").asBoolean()).isFalse();
        assertThat(data.has("themeID")).isTrue();
        String id = data.get("id").asString();
        assertThat(server.bean(GroupRepository.class).findByOrganizationIdAndIsDefaultTrue(id))
                .hasValueSatisfying(g -> assertThat(g.name()).isEqualTo("All users"));
        assertThat(ids(http.get("/api/v1/organizations", owner.session()).data())).contains(id);
    }

    @Test
    void creatingNeedsADisplayNameAndATheme() {
        Answer answer = http.postJson("/api/v1/organizations", tenant.owner().session(), body(Map.of("name", "x")));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(errorFields(answer)).contains("displayName", "themeID");
    }

    @Test
    void aDuplicateChosenNameIs409() {
        Org existing = tenant.organization("Dup");
        Answer answer = http.postJson("/api/v1/organizations", tenant.owner().session(), body(Map.of(
                "name", existing.name(), "displayName", "Other", "themeID", UUID.randomUUID().toString())));

        assertThat(answer.status()).isEqualTo(409);
    }

    @Test
    void organizationAdministratorsCannotCreateOrganizations() {
        Org org = tenant.organization("Org admin only");
        Person admin = tenant.administrator(org);

        Answer answer = http.postJson("/api/v1/organizations", admin.session(), body(Map.of(
                "displayName", "Mine", "themeID", UUID.randomUUID().toString())));

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void routesNeedCredentials() {
        Org org = tenant.organization("Anon");
        for (String path : List.of("/api/v1/organizations", "/api/v1/organizations/" + org.id(),
                "/api/v1/organizations/user", "/api/v1/organizations/" + org.id() + "/members")) {
            assertThat(http.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(http.get("/api/v1/organizations", "qak_not-a-key").status()).isEqualTo(401);
    }

    @Test
    void membersSeeTheirOrganizationOnlyAndOthersAre404() {
        Org mine = tenant.organization("Mine");
        Org other = tenant.organization("Other");
        Person member = tenant.viewer(mine);

        assertThat(ids(http.get("/api/v1/organizations", member.session()).data())).containsExactly(mine.id());
        assertThat(http.get("/api/v1/organizations/" + mine.id(), member.session()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/organizations/" + other.id(), member.session()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/organizations/" + UUID.randomUUID(), member.session()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/organizations/not-a-uuid", member.session()).status()).isEqualTo(400);
    }

    @Test
    void userOrganizationsCarryTheCallersRoleAndLicense() {
        Org org = tenant.organization("Roles");
        Person member = tenant.member(org, "Member", "Explorer");

        JsonNode list = http.get("/api/v1/organizations/user", member.session()).data();

        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(org.id());
        assertThat(list.get(0).get("role").asString()).isEqualTo("Member");
        assertThat(list.get(0).get("license").asString()).isEqualTo("Explorer");
    }

    @Test
    void administratorsUpdateTheirOrganizationAndMembersMayNot() {
        Org org = tenant.organization("Upd");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);
        String theme = UUID.randomUUID().toString();
        String request = body(Map.of("displayName", "Renamed", "description", "d", "themeID", theme));

        assertThat(http.putJson("/api/v1/organizations/" + org.id(), viewer.session(), request).status()).isEqualTo(403);
        Answer updated = http.putJson("/api/v1/organizations/" + org.id(), admin.key(), request);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("displayName").asString()).isEqualTo("Renamed");
        assertThat(updated.data().get("themeID").asString()).isEqualTo(theme);
        assertThat(http.putJson("/api/v1/organizations/" + org.id(), admin.key(), body(Map.of("displayName", "")))
                .status()).isEqualTo(400);
        Org other = tenant.organization("Upd other");
        assertThat(http.putJson("/api/v1/organizations/" + other.id(), admin.key(), request).status()).isEqualTo(404);
    }

    @Test
    void theDefaultOrganizationCannotBeDeleted() {
        Person owner = tenant.owner();
        String defaultId = server.bean(OrganizationRepository.class).findByName("default").orElseThrow().id();

        assertThat(http.delete("/api/v1/organizations/" + defaultId, owner.session()).status()).isEqualTo(409);
        Org org = tenant.organization("Bulk with default");
        assertThat(http.deleteJson("/api/v1/organizations", owner.session(), body(List.of(org.id(), defaultId))).status())
                .isEqualTo(409);
        assertThat(server.bean(OrganizationRepository.class).existsById(org.id())).as("all or none").isTrue();
    }

    @Test
    void deletingAnOrganizationRemovesItsGroupsMembershipsAndKeys() {
        Person owner = tenant.owner();
        Org org = tenant.organization("Doomed");
        Org stays = tenant.organization("Stays");
        Person member = tenant.viewer(org);
        tenant.join(member, stays, "Member", "Viewer");

        assertThat(http.delete("/api/v1/organizations/" + org.id(), member.session()).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/organizations/" + org.id(), owner.session()).status()).isEqualTo(200);

        assertThat(server.bean(OrganizationRepository.class).existsById(org.id())).isFalse();
        assertThat(server.bean(GroupRepository.class).findByOrganizationId(org.id())).isEmpty();
        assertThat(server.bean(UserRepository.class).findById(member.id()).orElseThrow().memberships())
                .extracting(m -> m.organizationId()).containsExactly(stays.id());
        assertThat(http.get("/api/v1/organizations", member.key()).status()).as("its key, limited to the deleted org")
                .isEqualTo(401);
        assertThat(http.get("/api/v1/organizations/" + org.id(), owner.session()).status()).isEqualTo(404);
    }

    @Test
    void anOrganizationWithProjectsIsNotDeleted() {
        Person owner = tenant.owner();
        Org org = tenant.organization("Has projects");
        tenant.contentOwnedBy("projects", owner.id(), org.id());

        Answer answer = http.deleteJson("/api/v1/organizations", owner.session(), body(List.of(org.id())));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("error").asString()).contains("1 project(s)");
    }

    @Test
    void bulkDeleteValidatesItsBody() {
        Person owner = tenant.owner();
        assertThat(http.deleteJson("/api/v1/organizations", owner.session(), "[\"nope\"]").status()).isEqualTo(400);
        assertThat(http.deleteJson("/api/v1/organizations", owner.session(), "{").status()).isEqualTo(400);
        assertThat(http.deleteJson("/api/v1/organizations", owner.session(), "[null]").status()).isEqualTo(400);
    }

    @Test
    void membersRouteListsTheOrganizationsUsersWithReferenceFields() {
        Org org = tenant.organization("Members");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);

        JsonNode members = http.get("/api/v1/organizations/" + org.id() + "/members", viewer.session()).data();

        assertThat(ids(members)).containsExactlyInAnyOrder(admin.id(), viewer.id());
        JsonNode first = members.get(0);
        for (String field : List.of("id", "name", "type", "email", "groups", "status", "license", "isTenantOwner",
                "tenantAdminRole", "organizationRoles")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
    }

    @Test
    void resourcesAreTheConnectionsAndStorageServicesOfTheOrganization() throws Exception {
        Org org = tenant.organization("Content");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);
        String connection = http.postJson("/api/v1/connections", admin.key(), Http.json(java.util.Map.of("name", "Apps",
                "type", "Embedded", "organizationID", org.id(), "settings",
                java.util.Map.of("appsFolder", server.dataDir().resolve("demo-apps").toString()))))
                .data().get("id").asString();
        java.nio.file.Path out = java.nio.file.Files.createDirectories(server.dataDir().resolve("deliveries").resolve(org.id()));
        String storage = http.postJson("/api/v1/storage-services", admin.key(), Http.json(java.util.Map.of("name", "Out",
                "type", "Folder", "organizationID", org.id(), "settings", java.util.Map.of("rootFolder", out.toString()))))
                .data().get("id").asString();
        tenant.contentOwnedBy("connections", admin.id(), tenant.organization("Other").id());

        JsonNode resources = http.get("/api/v1/organizations/" + org.id() + "/resources", admin.key()).data();
        assertThat(ids(resources)).containsExactly(connection, storage);
        assertThat(resources.findValuesAsString("kind")).containsExactly("Connection", "StorageService");
        assertThat(resources.findValuesAsString("type")).containsExactly("Embedded", "Folder");
        assertThat(http.get("/api/v1/organizations/" + org.id() + "/qlik-apps", viewer.key()).data()
                .findValuesAsString("connectionID")).containsOnly(connection);
        assertThat(http.get("/api/v1/organizations/" + org.id() + "/resources", viewer.key()).status()).isEqualTo(403);
    }

    @Test
    void authenticationsCannotBeBothTurnedOff() {
        Org org = tenant.organization("Auth");
        Person admin = tenant.administrator(org);
        String path = "/api/v1/organizations/" + org.id() + "/authentications";

        JsonNode current = http.get(path, admin.key()).data();
        assertThat(current.get("qalyptusAuth").asBoolean()).isTrue();
        assertThat(current.get("identityProvider").isNull()).isTrue();

        Answer bothOff = http.putJson(path, admin.key(), "{\"qalyptusAuth\": false, \"identityProvider\": null}");
        assertThat(bothOff.status()).isEqualTo(400);
        assertThat(http.putJson(path, admin.key(), "{}").status()).isEqualTo(400);
        assertThat(http.putJson(path, admin.key(), body(Map.of("qalyptusAuth", true, "identityProvider",
                UUID.randomUUID().toString()))).status()).as("not this organization's provider").isEqualTo(400);
        assertThat(http.get(path, tenant.viewer(org).key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/organizations/" + tenant.organization("Auth2").id() + "/authentications",
                admin.key()).status()).isEqualTo(404);
    }
}
