package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/** Organizations, users, groups and API keys read through GraphQL are those REST shows the same caller. */
class AdminQueriesTest {

    static ContentFixture f;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
    }

    private static JsonNode data(String key, String query) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query)));
        assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
        return answer.json().get("data");
    }

    @Test
    void anAdministratorSeesTheSameOrganizationsGroupsAndUsersAsRest() {
        JsonNode data = data(f.administrator.key(), """
                { organizations(first: 100) { totalCount nodes { uuid name groups(first: 100) { nodes { uuid name organization { uuid } } } } }
                  users(first: 100) { totalCount nodes { uuid email name groups { uuid } } }
                  viewer { user { uuid email } } }""");
        Answer restOrganizations = f.http.get("/api/v1/organizations", f.administrator.key());
        assertThat(data.get("organizations").get("nodes").valueStream().map(n -> n.get("uuid").asString()).sorted().toList())
                .isEqualTo(restOrganizations.data().valueStream().map(n -> n.get("id").asString()).sorted().toList());
        Answer restGroups = f.http.get("/api/v1/groups", f.administrator.key());
        assertThat(data.get("organizations").findValues("groups").stream()
                .flatMap(g -> g.get("nodes").valueStream()).map(n -> n.get("uuid").asString()).sorted().toList())
                .isEqualTo(restGroups.data().valueStream().map(n -> n.get("id").asString()).sorted().toList());
        Answer restUsers = f.http.get("/api/v1/users", f.administrator.key());
        assertThat(data.get("users").get("totalCount").asInt()).isEqualTo(restUsers.data().size());
        assertThat(data.get("viewer").get("user").get("uuid").asString()).isEqualTo(f.administrator.id());
    }

    @Test
    void anOutsiderSeesNeitherTheOrganizationNorItsPeople() {
        JsonNode data = data(f.outsider.key(), "{ organizations(first: 100) { nodes { uuid } } users(first: 100) { nodes { uuid } } }");
        assertThat(data.get("organizations").findValuesAsString("uuid")).doesNotContain(f.orgA.id()).contains(f.orgB.id());
        assertThat(data.get("users").findValuesAsString("uuid")).doesNotContain(f.creator.id());
        JsonNode node = data(f.outsider.key(), "{ node(id: \"" + GlobalId.of("User", f.creator.id()) + "\") { id } }");
        assertThat(node.get("node").isNull()).isTrue();
    }

    @Test
    void apiKeysAreTheCallersOwnAndNeverTheSecret() {
        JsonNode data = data(f.creator.key(), "{ apiKeys(first: 100) { totalCount nodes { id uuid name expiryDate organizationId } } }");
        Answer rest = f.http.get("/api/v1/api-keys", f.creator.key());
        assertThat(data.get("apiKeys").get("totalCount").asInt()).isEqualTo(rest.data().size());
        assertThat(data.toString()).doesNotContain("secret");
    }

    @Test
    void resourcesAndLicensesAreThoseRestShowsWithoutSecrets() {
        JsonNode data = data(f.administrator.key(), """
                { storageServices(first: 100) { totalCount } connections(first: 100) { totalCount nodes { type settings { name value } secretsSet } }
                  identityProviders(first: 100) { totalCount } licenses { scope licenses { license used } } }""");
        assertThat(data.get("storageServices").get("totalCount").asInt())
                .isEqualTo(f.http.get("/api/v1/storage-services", f.administrator.key()).data().size());
        assertThat(data.get("connections").get("totalCount").asInt())
                .isEqualTo(f.http.get("/api/v1/connections", f.administrator.key()).data().size()).isPositive();
        assertThat(data.get("identityProviders").get("totalCount").asInt())
                .isEqualTo(f.http.get("/api/v1/identity-providers", f.administrator.key()).data().size());
        assertThat(data.get("licenses").get("scope").asString())
                .isEqualTo(f.http.get("/api/v1/licenses", f.administrator.key()).data().get("scope").asString());
    }
}
