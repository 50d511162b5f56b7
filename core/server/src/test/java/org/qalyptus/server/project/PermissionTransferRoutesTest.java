package org.qalyptus.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import org.qalyptus.server.support.SharedServer;
import tools.jackson.databind.JsonNode;

/** "Transfer content and permissions" as the permission model sees it: lists and rights follow. */
class PermissionTransferRoutesTest {

    private final Tenancy t = new Tenancy(SharedServer.get());
    private final Http http = t.http;

    private List<String> visibleProjects(String key) {
        Answer answer = http.get("/api/v1/projects", key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().valueStream().map(p -> p.get("id").asString()).toList();
    }

    @Test
    void transferredOwnershipAndMembershipsAppearInTheHeirsListsAndLeaveTheFormerUsers() {
        JsonNode owned = t.project(t.creator, Tenancy.unique("Owned"));
        JsonNode shared = t.project(t.otherCreator, Tenancy.unique("Shared"));
        String ownedId = owned.get("id").asString();
        String sharedId = shared.get("id").asString();
        t.grant(sharedId, t.creator.id(), "User", t.otherCreator.key(), "viewProject", "viewReport");
        assertThat(visibleProjects(t.creator.key())).contains(ownedId, sharedId);
        assertThat(visibleProjects(t.explorer.key())).doesNotContain(ownedId, sharedId);

        Answer transfer = http.postJson("/api/v1/users/" + t.creator.id() + "/transfer", t.administrator.key(),
                Http.json(Map.of("newUserID", t.explorer.id(), "transferContent", true, "transferPermissions", true)));

        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        assertThat(transfer.data().get("permissionsTransferred").asLong()).isEqualTo(1);
        assertThat(visibleProjects(t.explorer.key())).contains(ownedId, sharedId);
        assertThat(visibleProjects(t.creator.key())).doesNotContain(ownedId, sharedId);
        JsonNode heirsOwned = http.get("/api/v1/projects/" + ownedId, t.explorer.key()).data();
        assertThat(heirsOwned.get("isMine").asBoolean()).isTrue();
        assertThat(http.get("/api/v1/projects/" + sharedId + "/permissions", t.otherCreator.key()).data()
                .findValuesAsString("memberID")).contains(t.explorer.id()).doesNotContain(t.creator.id());
    }
}
