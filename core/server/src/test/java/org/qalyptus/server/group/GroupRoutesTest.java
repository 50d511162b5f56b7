package org.qalyptus.server.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.support.SharedServer;
import org.qalyptus.server.support.TenantFixture;
import org.qalyptus.server.support.TenantFixture.Org;
import org.qalyptus.server.support.TenantFixture.Person;
import org.qalyptus.server.user.UserRepository;
import tools.jackson.databind.JsonNode;

class GroupRoutesTest {

    private final RunningServer server = SharedServer.get();
    private final Http http = server.http();
    private final TenantFixture tenant = new TenantFixture(server);

    private static String body(Object value) {
        return Http.json(value);
    }

    private static List<String> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asString()).toList();
    }

    private String create(Person admin, Org org, String name) {
        Answer answer = http.postJson("/api/v1/groups", admin.key(), body(Map.of("name", name, "description", "d",
                "organizationID", org.id())));
        assertThat(answer.status()).isEqualTo(200);
        return answer.data().get("id").asString();
    }

    @Test
    void administratorsCreateGroupsWithTheReferenceFields() {
        Org org = tenant.organization("Groups");
        Person admin = tenant.administrator(org);

        JsonNode group = http.postJson("/api/v1/groups", admin.key(), body(Map.of("name", "Sales", "description", "All sales",
                "organizationID", org.id()))).data();

        assertThat(group.get("name").asString()).isEqualTo("Sales");
        assertThat(group.get("members").asLong()).isZero();
        assertThat(group.get("isDefault").asBoolean()).isFalse();
        assertThat(group.get("description").asString()).isEqualTo("All sales");
        assertThat(group.get("organization").asString()).isEqualTo("Groups");
        assertThat(group.get("organizationID").asString()).isEqualTo(org.id());
        assertThat(http.postJson("/api/v1/groups", admin.key(), body(Map.of("name", "Sales", "organizationID", org.id())))
                .status()).isEqualTo(409);
    }

    @Test
    void creatingValidatesAndChecksRights() {
        Org org = tenant.organization("Group checks");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);

        Answer invalid = http.postJson("/api/v1/groups", admin.key(), "{\"name\": \"\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errorDetails").valueStream().map(e -> e.get("field").asString()))
                .contains("name", "organizationID");
        String request = body(Map.of("name", "X", "organizationID", org.id()));
        assertThat(http.postJson("/api/v1/groups", viewer.key(), request).status()).isEqualTo(403);
        assertThat(http.postJson("/api/v1/groups", null, request).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/groups", admin.session(), body(Map.of("name", "X",
                "organizationID", tenant.organization("Foreign").id()))).status()).isEqualTo(404);
    }

    @Test
    void listGetUpdateAndDelete() {
        Org org = tenant.organization("Group crud");
        Org other = tenant.organization("Group crud other");
        Person admin = tenant.administrator(org);
        Person viewer = tenant.viewer(org);
        String id = create(admin, org, "Ops");
        String foreign = create(tenant.administrator(other), other, "Foreign ops");

        assertThat(ids(http.get("/api/v1/groups", viewer.key()).data()))
                .containsExactlyInAnyOrder(id, org.allUsersGroupId()).doesNotContain(foreign);
        assertThat(http.get("/api/v1/groups/" + id, viewer.key()).data().get("name").asString()).isEqualTo("Ops");
        assertThat(http.get("/api/v1/groups/" + foreign, viewer.key()).status()).isEqualTo(404);

        String rename = body(Map.of("name", "Operations", "description", "new"));
        assertThat(http.putJson("/api/v1/groups/" + id, viewer.key(), rename).status()).isEqualTo(403);
        assertThat(http.putJson("/api/v1/groups/" + id, admin.key(), "{}").status()).isEqualTo(400);
        assertThat(http.putJson("/api/v1/groups/" + foreign, admin.key(), rename).status()).isEqualTo(404);
        assertThat(http.putJson("/api/v1/groups/" + id, admin.key(), rename).data().get("name").asString())
                .isEqualTo("Operations");
        assertThat(http.putJson("/api/v1/groups/" + org.allUsersGroupId(), admin.key(), rename).status())
                .as("All users keeps its name").isEqualTo(409);

        assertThat(http.delete("/api/v1/groups/" + id, viewer.key()).status()).isEqualTo(403);
        assertThat(http.delete("/api/v1/groups/" + org.allUsersGroupId(), admin.key()).status()).isEqualTo(409);
        assertThat(http.delete("/api/v1/groups/" + id, admin.key()).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/groups/" + id, admin.key()).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/groups/" + UUID.randomUUID(), admin.key()).status()).isEqualTo(404);
    }

    @Test
    void bulkDeleteIsAllOrNoneAndRemovesMemberships() {
        Org org = tenant.organization("Group bulk");
        Person admin = tenant.administrator(org);
        Person user = tenant.viewer(org);
        String first = create(admin, org, "One");
        String second = create(admin, org, "Two");
        assertThat(http.putJson("/api/v1/groups/" + first + "/members", admin.key(), body(List.of(user.id()))).status())
                .isEqualTo(200);

        assertThat(http.deleteJson("/api/v1/groups", admin.key(), body(List.of(first, org.allUsersGroupId()))).status())
                .isEqualTo(409);
        assertThat(http.get("/api/v1/groups/" + first, admin.key()).status()).isEqualTo(200);
        assertThat(http.deleteJson("/api/v1/groups", admin.key(), body(List.of(first, second))).status()).isEqualTo(200);
        assertThat(server.bean(UserRepository.class).findById(user.id()).orElseThrow().memberships().get(0).groupIds())
                .containsExactly(org.allUsersGroupId());
        assertThat(http.deleteJson("/api/v1/groups", admin.key(), "[\"x\"]").status()).isEqualTo(400);
    }

    @Test
    void membersAreSetAmongTheOrganizationsUsers() {
        Org org = tenant.organization("Group members");
        Person admin = tenant.administrator(org);
        Person a = tenant.viewer(org);
        Person b = tenant.viewer(org);
        Person stranger = tenant.viewer(tenant.organization("Group members other"));
        String id = create(admin, org, "Team");
        String path = "/api/v1/groups/" + id + "/members";

        assertThat(ids(http.putJson(path, admin.key(), body(List.of(a.id(), b.id()))).data()))
                .containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(http.get("/api/v1/groups/" + id, admin.key()).data().get("members").asLong()).isEqualTo(2);
        assertThat(ids(http.putJson(path, admin.key(), body(List.of(b.id()))).data())).containsExactly(b.id());
        assertThat(ids(http.get(path, a.key()).data())).containsExactly(b.id());

        Answer outsider = http.putJson(path, admin.key(), body(List.of(a.id(), stranger.id())));
        assertThat(outsider.status()).isEqualTo(400);
        assertThat(outsider.json().get("errorDetails").get(0).get("field").asString()).isEqualTo("[1]");
        assertThat(ids(http.get(path, admin.key()).data())).as("unchanged").containsExactly(b.id());
        assertThat(http.putJson(path, a.key(), body(List.of(a.id()))).status()).isEqualTo(403);
        assertThat(http.putJson("/api/v1/groups/" + org.allUsersGroupId() + "/members", admin.key(), body(List.of(a.id())))
                .status()).isEqualTo(409);
        assertThat(ids(http.get("/api/v1/groups/" + org.allUsersGroupId() + "/members", a.key()).data()))
                .containsExactlyInAnyOrder(admin.id(), a.id(), b.id());
        assertThat(http.get(path, stranger.key()).status()).isEqualTo(404);
        assertThat(http.get(path, null).status()).isEqualTo(401);
    }
}
