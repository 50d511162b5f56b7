package org.qalyptus.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qalyptus.server.filter.ContentFixture;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.Http.Answer;
import tools.jackson.databind.JsonNode;

/**
 * For the same caller, the administration mutations (groups, organizations, users, API keys, identity
 * providers, storage services) give the data REST gives and the same refusals: 400 naming the same fields
 * with the same messages, 403, 404; and a refused change changes nothing.
 */
class AdminParityTest {

    static ContentFixture f;

    @BeforeAll
    static void fixture() {
        f = new ContentFixture();
    }

    static JsonNode graphql(String key, String query, Map<String, Object> variables) {
        Answer answer = f.http.postJson("/graphql", key, Http.json(Map.of("query", query, "variables", variables)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
        return answer.json().get("data");
    }

    /** The payload of a one-mutation document. */
    static JsonNode mutation(String key, String mutation, String inputType, Map<String, Object> input, String selection) {
        String query = "mutation($in: " + inputType + "!) { " + mutation + "(input: $in) { " + selection
                + " userErrors { field code message } } }";
        return graphql(key, query, Map.of("in", input)).get(mutation);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<String> ids(JsonNode restList) {
        return restList.valueStream().map(n -> n.get("id").asString()).toList();
    }

    /** REST's refusal and the payload's userErrors say the same: code of the status, fields and messages of a 400. */
    static void sameRefusal(Answer rest, JsonNode payload) {
        sameRefusal(rest, payload, field -> field);
    }

    /** As {@link #sameRefusal(Answer, JsonNode)}, REST's field names renamed as the input names them. */
    static void sameRefusal(Answer rest, JsonNode payload, java.util.function.UnaryOperator<String> restField) {
        assertThat(rest.status()).as(rest.body()).isBetween(400, 499);
        JsonNode errors = payload.get("userErrors");
        assertThat(errors).as(payload.toString()).isNotEmpty();
        String code = switch (rest.status()) {
            case 400 -> rest.json().get("errorDetails").isArray() ? "VALIDATION" : "BAD_REQUEST";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            default -> "status " + rest.status();
        };
        assertThat(errors.get(0).get("code").asString()).as(payload.toString()).isEqualTo(code);
        if (code.equals("VALIDATION")) {
            List<String> restErrors = new ArrayList<>();
            rest.json().get("errorDetails").forEach(e -> restErrors.add(
                    UserErrors.inputField(restField.apply(e.get("field").asString())) + ": " + e.get("message").asString()));
            List<String> graphqlErrors = new ArrayList<>();
            errors.forEach(e -> graphqlErrors.add(e.get("field").asString() + ": " + e.get("message").asString()));
            assertThat(graphqlErrors).containsExactlyInAnyOrderElementsOf(restErrors);
        } else {
            assertThat(errors.get(0).get("message").asString()).isEqualTo(rest.json().get("error").asString());
        }
    }

    // ---- groups ----

    @Test
    void aGroupCreatedThroughGraphqlIsTheOneRestShowsWithItsMembers() {
        JsonNode created = mutation(f.administrator.key(), "createGroup", "CreateGroupInput",
                map("name", ContentFixture.unique("Sales"), "description", "d", "organizationId", f.orgA.id()),
                "group { id uuid name description isDefault organizationId memberCount }");
        assertThat(created.get("userErrors")).isEmpty();
        String id = created.get("group").get("uuid").asString();
        JsonNode rest = f.http.get("/api/v1/groups/" + id, f.administrator.key()).data();
        assertThat(created.get("group").get("name").asString()).isEqualTo(rest.get("name").asString());
        assertThat(created.get("group").get("organizationId").asString()).isEqualTo(rest.get("organizationID").asString());
        assertThat(created.get("group").get("memberCount").asLong()).isEqualTo(rest.get("members").asLong()).isZero();

        JsonNode members = mutation(f.administrator.key(), "setGroupMembers", "SetGroupMembersInput",
                map("id", created.get("group").get("id").asString(), "userIds", List.of(f.creator.id(), f.viewer.id())),
                "group { memberCount members(first: 10) { totalCount nodes { uuid } } } members { uuid email }");
        assertThat(members.get("userErrors")).isEmpty();
        Answer restMembers = f.http.get("/api/v1/groups/" + id + "/members", f.administrator.key());
        assertThat(members.get("members").findValuesAsString("uuid"))
                .containsExactlyInAnyOrderElementsOf(ids(restMembers.data()))
                .containsExactlyInAnyOrder(f.creator.id(), f.viewer.id());
        assertThat(members.get("group").get("members").get("nodes").findValuesAsString("uuid"))
                .containsExactlyInAnyOrder(f.creator.id(), f.viewer.id());
        assertThat(members.get("group").get("memberCount").asInt()).isEqualTo(2);

        JsonNode allUsers = graphql(f.administrator.key(), "query($o: ID!) { groups(organizationId: $o, first: 100) { nodes { uuid isDefault memberCount } } }",
                Map.of("o", f.orgA.id())).get("groups").get("nodes");
        JsonNode defaultGroup = allUsers.valueStream().filter(g -> g.get("isDefault").asBoolean()).findFirst().orElseThrow();
        assertThat(defaultGroup.get("memberCount").asLong()).isEqualTo(
                f.http.get("/api/v1/groups/" + defaultGroup.get("uuid").asString(), f.administrator.key()).data().get("members").asLong());
    }

    @Test
    void groupRefusalsAreRestsRefusals() {
        // 400: the same fields and messages
        Answer rest = f.http.postJson("/api/v1/groups", f.administrator.key(),
                Http.json(map("name", " ", "description", "x".repeat(2001), "organizationID", f.orgA.id())));
        JsonNode payload = mutation(f.administrator.key(), "createGroup", "CreateGroupInput",
                map("name", " ", "description", "x".repeat(2001), "organizationId", f.orgA.id()), "group { id }");
        assertThat(rest.status()).isEqualTo(400);
        sameRefusal(rest, payload);
        assertThat(payload.get("group").isNull()).isTrue();

        String group = f.http.postJson("/api/v1/groups", f.administrator.key(), Http.json(map("name",
                ContentFixture.unique("G"), "organizationID", f.orgA.id()))).data().get("id").asString();
        // 403: a member of the organization who does not administer it
        Answer restForbidden = f.http.putJson("/api/v1/groups/" + group, f.creator.key(), Http.json(map("name", "Renamed")));
        assertThat(restForbidden.status()).isEqualTo(403);
        sameRefusal(restForbidden, mutation(f.creator.key(), "updateGroup", "UpdateGroupInput",
                map("id", group, "name", "Renamed"), "group { id }"));
        // 404: another organization's administrator; nothing deleted
        Answer restMissing = f.http.deleteJson("/api/v1/groups", f.outsider.key(), Http.json(List.of(group)));
        assertThat(restMissing.status()).isEqualTo(404);
        sameRefusal(restMissing, mutation(f.outsider.key(), "deleteGroups", "DeleteInput", map("ids", List.of(group)),
                "deletedIds"));
        // 400 on members: a user outside the organization, named by its place in the list
        Answer restMembers = f.http.putJson("/api/v1/groups/" + group + "/members", f.administrator.key(),
                Http.json(List.of(f.creator.id(), f.outsider.id())));
        sameRefusal(restMembers, mutation(f.administrator.key(), "setGroupMembers", "SetGroupMembersInput",
                map("id", group, "userIds", List.of(f.creator.id(), f.outsider.id())), "members { uuid }"),
                field -> "userIds" + field);
        assertThat(f.http.get("/api/v1/groups/" + group, f.administrator.key()).data().get("members").asLong()).isZero();

        JsonNode deleted = mutation(f.administrator.key(), "deleteGroups", "DeleteInput", map("ids", List.of(group)),
                "deletedIds");
        assertThat(deleted.get("userErrors")).isEmpty();
        assertThat(deleted.get("deletedIds").get(0).asString()).isEqualTo(group);
        assertThat(f.http.get("/api/v1/groups/" + group, f.administrator.key()).status()).isEqualTo(404);
    }

    // ---- organizations ----

    @Test
    void anOrganizationCreatedThroughGraphqlIsTheOneRestShows() {
        String tenantAdmin = f.tenants.session(f.tenants.tenantAdministrator(f.orgA).id());
        String theme = java.util.UUID.randomUUID().toString();
        JsonNode created = mutation(tenantAdmin, "createOrganization", "CreateOrganizationInput",
                map("displayName", ContentFixture.unique("Sales Europe"), "description", "EU", "themeId", theme),
                "organization { id uuid name displayName description isDefault themeId memberCount createdDate }");
        assertThat(created.get("userErrors")).isEmpty();
        JsonNode organization = created.get("organization");
        JsonNode rest = f.http.get("/api/v1/organizations/" + organization.get("uuid").asString(), tenantAdmin).data();
        for (String field : List.of("name", "displayName", "description")) {
            assertThat(organization.get(field).asString()).isEqualTo(rest.get(field).asString());
        }
        assertThat(organization.get("themeId").asString()).isEqualTo(rest.get("themeID").asString()).isEqualTo(theme);
        assertThat(organization.get("memberCount").asLong()).isEqualTo(rest.get("members").asLong());
        // the payload holds the created document as REST's create answer does; stored instants keep milliseconds
        assertThat(java.time.Instant.parse(organization.get("createdDate").asString()).truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(java.time.Instant.parse(rest.get("createdDate").asString()).truncatedTo(ChronoUnit.MILLIS));

        JsonNode updated = mutation(tenantAdmin, "updateOrganization", "UpdateOrganizationInput",
                map("id", organization.get("id").asString(), "displayName", "Renamed", "themeId", theme),
                "organization { displayName description }");
        assertThat(updated.get("organization").get("displayName").asString()).isEqualTo("Renamed");
        assertThat(f.http.get("/api/v1/organizations/" + organization.get("uuid").asString(), tenantAdmin).data()
                .get("displayName").asString()).isEqualTo("Renamed");

        JsonNode deleted = mutation(tenantAdmin, "deleteOrganizations", "DeleteInput",
                map("ids", List.of(organization.get("uuid").asString())), "deletedIds");
        assertThat(deleted.get("userErrors")).isEmpty();
        assertThat(f.http.get("/api/v1/organizations/" + organization.get("uuid").asString(), tenantAdmin).status())
                .isEqualTo(404);
    }

    @Test
    void organizationReadsAreRestsReads() {
        JsonNode data = graphql(f.administrator.key(), """
                query($o: ID!) { organizationAuthentications(organizationId: $o) { qalyptusAuth identityProvider identityProviderDefaultRole }
                  organizationResources(organizationId: $o) { id name kind type }
                  organizationQlikApps(organizationId: $o) { id name connectionId }
                  organizations(first: 100) { nodes { uuid memberCount members(first: 100) { totalCount nodes { uuid } } } } }""",
                Map.of("o", f.orgA.id()));
        JsonNode restAuth = f.http.get("/api/v1/organizations/" + f.orgA.id() + "/authentications", f.administrator.key()).data();
        assertThat(data.get("organizationAuthentications").get("qalyptusAuth").asBoolean())
                .isEqualTo(restAuth.get("qalyptusAuth").asBoolean());
        assertThat(data.get("organizationAuthentications").get("identityProviderDefaultRole").asString())
                .isEqualTo(restAuth.get("identityProviderDefaultRole").asString());
        assertThat(data.get("organizationResources").findValuesAsString("id")).isEqualTo(
                ids(f.http.get("/api/v1/organizations/" + f.orgA.id() + "/resources", f.administrator.key()).data()))
                .isNotEmpty();
        assertThat(data.get("organizationQlikApps").findValuesAsString("id")).isEqualTo(
                ids(f.http.get("/api/v1/organizations/" + f.orgA.id() + "/qlik-apps", f.administrator.key()).data()))
                .contains(ContentFixture.APP);
        JsonNode orgA = data.get("organizations").get("nodes").valueStream()
                .filter(o -> o.get("uuid").asString().equals(f.orgA.id())).findFirst().orElseThrow();
        List<String> restMembers = ids(f.http.get("/api/v1/organizations/" + f.orgA.id() + "/members",
                f.administrator.key()).data());
        assertThat(orgA.get("members").get("nodes").findValuesAsString("uuid")).containsExactlyInAnyOrderElementsOf(restMembers);
        assertThat(orgA.get("memberCount").asInt()).isEqualTo(restMembers.size());
    }

    @Test
    void organizationRefusalsAreRestsRefusals() {
        String tenantAdmin = f.tenants.session(f.tenants.tenantAdministrator(f.orgA).id());
        String theme = java.util.UUID.randomUUID().toString();
        // 400: the same fields and messages
        Answer rest = f.http.postJson("/api/v1/organizations", tenantAdmin,
                Http.json(map("name", "n".repeat(65), "displayName", "", "themeID", theme)));
        assertThat(rest.status()).isEqualTo(400);
        sameRefusal(rest, mutation(tenantAdmin, "createOrganization", "CreateOrganizationInput",
                map("name", "n".repeat(65), "displayName", "", "themeId", theme), "organization { id }"));
        // 403: an organization's administrator is not a tenant administrator
        Answer restForbidden = f.http.postJson("/api/v1/organizations", f.administrator.key(),
                Http.json(map("displayName", "Not mine", "themeID", theme)));
        assertThat(restForbidden.status()).isEqualTo(403);
        sameRefusal(restForbidden, mutation(f.administrator.key(), "createOrganization", "CreateOrganizationInput",
                map("displayName", "Not mine", "themeId", theme), "organization { id }"));
        // 404: another organization's administrator
        Answer restMissing = f.http.putJson("/api/v1/organizations/" + f.orgA.id(), f.outsider.key(),
                Http.json(map("displayName", "Taken over", "themeID", theme)));
        assertThat(restMissing.status()).isEqualTo(404);
        sameRefusal(restMissing, mutation(f.outsider.key(), "updateOrganization", "UpdateOrganizationInput",
                map("id", f.orgA.id(), "displayName", "Taken over", "themeId", theme), "organization { id }"));
        // 400 from the service's own rule: no way left to sign in
        Answer restNoSignIn = f.http.putJson("/api/v1/organizations/" + f.orgA.id() + "/authentications",
                f.administrator.key(), Http.json(map("qalyptusAuth", false)));
        assertThat(restNoSignIn.status()).isEqualTo(400);
        sameRefusal(restNoSignIn, mutation(f.administrator.key(), "updateOrganizationAuthentications",
                "UpdateOrganizationAuthenticationsInput", map("id", f.orgA.id(), "qalyptusAuth", false),
                "authentications { qalyptusAuth }"));
        // 403 on a member's read
        Answer restAuth = f.http.get("/api/v1/organizations/" + f.orgA.id() + "/authentications", f.creator.key());
        assertThat(restAuth.status()).isEqualTo(403);
        Answer answer = f.http.postJson("/graphql", f.creator.key(), Http.json(Map.of("query",
                "{ organizationAuthentications(organizationId: \"" + f.orgA.id() + "\") { qalyptusAuth } }")));
        assertThat(answer.json().get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(f.http.get("/api/v1/organizations/" + f.orgA.id(), f.administrator.key()).data()
                .get("displayName").asString()).isEqualTo("Content A");
    }

    // ---- API keys ----

    @Test
    void anApiKeyCreatedThroughGraphqlShowsItsKeyOnceAndIsTheOneRestShows() {
        String expiry = java.time.Instant.now().plus(30, ChronoUnit.DAYS).toString();
        JsonNode created = mutation(f.creator.key(), "createApiKey", "CreateApiKeyInput",
                map("name", "CI", "description", "builds", "expiryDate", expiry, "organizationId", f.orgA.id()),
                "apiKey { id uuid name description isExpired organizationId organization { uuid } expiryDate } key");
        assertThat(created.get("userErrors")).isEmpty();
        String key = created.get("key").asString();
        String id = created.get("apiKey").get("uuid").asString();
        assertThat(key).startsWith("qak_");
        // the new key is a working credential, and REST shows the same details
        Answer rest = f.http.get("/api/v1/api-keys/" + id, key);
        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        assertThat(created.get("apiKey").get("name").asString()).isEqualTo(rest.data().get("name").asString());
        assertThat(created.get("apiKey").get("organizationId").asString()).isEqualTo(rest.data().get("organizationID").asString());
        assertThat(created.get("apiKey").get("organization").get("uuid").asString()).isEqualTo(f.orgA.id());
        assertThat(created.get("apiKey").get("isExpired").asBoolean()).isEqualTo(rest.data().get("isExpired").asBoolean()).isFalse();
        assertThat(rest.body()).doesNotContain(key.substring(key.length() - 12));
        // no read gives the key again
        Answer read = f.http.postJson("/graphql", f.creator.key(), Http.json(Map.of("query",
                "query($id: ID!) { apiKey(id: $id) { uuid name } apiKeys(first: 100) { nodes { uuid name description } } }",
                "variables", Map.of("id", id))));
        assertThat(read.json().get("data").get("apiKey").get("name").asString()).isEqualTo("CI");
        assertThat(read.body()).doesNotContain(key.substring(key.length() - 12));

        JsonNode updated = mutation(f.creator.key(), "updateApiKey", "UpdateApiKeyInput", map("id", id, "name", " Renamed "),
                "apiKey { name }");
        assertThat(updated.get("apiKey").get("name").asString()).isEqualTo("Renamed");
        assertThat(f.http.get("/api/v1/api-keys/" + id, f.creator.key()).data().get("name").asString()).isEqualTo("Renamed");
        JsonNode deleted = mutation(f.creator.key(), "deleteApiKeys", "DeleteInput", map("ids", List.of(id)), "deletedIds");
        assertThat(deleted.get("userErrors")).isEmpty();
        assertThat(f.http.get("/api/v1/api-keys", key).status()).as("a deleted key stops working").isEqualTo(401);
    }

    @Test
    void apiKeyRefusalsAreRestsRefusals() {
        String expiry = java.time.Instant.now().plus(30, ChronoUnit.DAYS).toString();
        // 400 from the request's constraints
        Answer rest = f.http.postJson("/api/v1/api-keys", f.creator.key(), Http.json(map("name", " ",
                "description", "d".repeat(2001), "expiryDate", expiry, "organizationID", f.orgA.id())));
        assertThat(rest.status()).isEqualTo(400);
        sameRefusal(rest, mutation(f.creator.key(), "createApiKey", "CreateApiKeyInput", map("name", " ",
                "description", "d".repeat(2001), "expiryDate", expiry, "organizationId", f.orgA.id()), "apiKey { id } key"));
        // 400 from the service's rule
        String tooFar = java.time.Instant.now().plus(400, ChronoUnit.DAYS).toString();
        Answer restTooFar = f.http.postJson("/api/v1/api-keys", f.creator.key(), Http.json(map("name", "Later",
                "expiryDate", tooFar, "organizationID", f.orgA.id())));
        assertThat(restTooFar.status()).isEqualTo(400);
        JsonNode tooFarPayload = mutation(f.creator.key(), "createApiKey", "CreateApiKeyInput", map("name", "Later",
                "expiryDate", tooFar, "organizationId", f.orgA.id()), "apiKey { id } key");
        sameRefusal(restTooFar, tooFarPayload);
        assertThat(tooFarPayload.get("key").isNull()).isTrue();
        // 404: an organization the caller is not in
        Answer restElsewhere = f.http.postJson("/api/v1/api-keys", f.creator.key(), Http.json(map("name", "B",
                "expiryDate", expiry, "organizationID", f.orgB.id())));
        assertThat(restElsewhere.status()).isEqualTo(404);
        sameRefusal(restElsewhere, mutation(f.creator.key(), "createApiKey", "CreateApiKeyInput", map("name", "B",
                "expiryDate", expiry, "organizationId", f.orgB.id()), "apiKey { id } key"));
        // 404: someone else's key; nothing changed
        String id = f.http.postJson("/api/v1/api-keys", f.creator.key(), Http.json(map("name", "Mine",
                "expiryDate", expiry, "organizationID", f.orgA.id()))).data().get("id").asString();
        Answer restOthers = f.http.putJson("/api/v1/api-keys/" + id, f.administrator.key(), Http.json(map("name", "Theirs")));
        assertThat(restOthers.status()).isEqualTo(404);
        sameRefusal(restOthers, mutation(f.administrator.key(), "updateApiKey", "UpdateApiKeyInput",
                map("id", id, "name", "Theirs"), "apiKey { id }"));
        assertThat(f.http.get("/api/v1/api-keys/" + id, f.creator.key()).data().get("name").asString()).isEqualTo("Mine");
    }

    // ---- identity providers ----

    static Map<String, Object> identityProvider(String organizationId, String secret) {
        return map("name", "Corporate SSO", "type", "Oidc", "clientId", "qalyptus", "clientSecret", secret,
                "authorizationEndpoint", "https://idp.example.com/authorize", "accessTokenEndpoint", "https://idp.example.com/token",
                "userinfoEndpoint", "https://idp.example.com/userinfo", "organizationId", organizationId);
    }

    /** The REST body of the same provider: the reference spells the ids with ID. */
    static Map<String, Object> restBody(Map<String, Object> input) {
        Map<String, Object> body = new HashMap<>();
        input.forEach((k, v) -> body.put(k.endsWith("Id") ? k.substring(0, k.length() - 2) + "ID" : k, v));
        return body;
    }

    @Test
    void anIdentityProviderCreatedThroughGraphqlIsTheOneRestShowsAndNeverItsSecret() {
        var org = f.tenants.organization("SSO");
        var admin = f.tenants.administrator(org);
        String secret = "s3cret-" + java.util.UUID.randomUUID();
        Map<String, Object> input = identityProvider(org.id(), secret);
        JsonNode created = mutation(admin.key(), "createIdentityProvider", "CreateIdentityProviderInput", input,
                "identityProvider { id name type clientId isClientSecretSet organizationId authorizationEndpoint createdDate }");
        assertThat(created.get("userErrors")).isEmpty();
        assertThat(created.toString()).doesNotContain(secret);
        String id = created.get("identityProvider").get("id").asString();
        JsonNode rest = f.http.get("/api/v1/identity-providers/" + id, admin.key()).data();
        assertThat(created.get("identityProvider").get("clientId").asString()).isEqualTo(rest.get("clientID").asString());
        assertThat(created.get("identityProvider").get("isClientSecretSet").asBoolean()).isEqualTo(rest.get("isClientSecretSet").asBoolean()).isTrue();
        assertThat(created.get("identityProvider").get("type").asString()).isEqualTo(rest.get("type").asString());
        Answer read = f.http.postJson("/graphql", admin.key(), Http.json(Map.of("query",
                "query($id: ID!) { identityProvider(id: $id) { id name isClientSecretSet modifiedDate } }", "variables", Map.of("id", id))));
        assertThat(read.json().get("data").get("identityProvider").get("name").asString()).isEqualTo(rest.get("name").asString());
        assertThat(read.body()).doesNotContain(secret);

        // 409: one per organization
        Answer restSecond = f.http.postJson("/api/v1/identity-providers", admin.key(), Http.json(restBody(input)));
        assertThat(restSecond.status()).isEqualTo(409);
        sameRefusal(restSecond, mutation(admin.key(), "createIdentityProvider", "CreateIdentityProviderInput", input,
                "identityProvider { id }"));
        // 400: the request's constraints, then the service's URL rule
        Map<String, Object> blank = new HashMap<>(input);
        blank.put("clientSecret", "");
        blank.put("name", " ");
        Answer restBlank = f.http.postJson("/api/v1/identity-providers", admin.key(), Http.json(restBody(blank)));
        assertThat(restBlank.status()).isEqualTo(400);
        sameRefusal(restBlank, mutation(admin.key(), "createIdentityProvider", "CreateIdentityProviderInput", blank,
                "identityProvider { id }"));
        Map<String, Object> update = new HashMap<>(input);
        update.remove("organizationId");
        update.remove("type");
        update.put("authorizationEndpoint", "ftp://idp.example.com/authorize");
        Answer restUrl = f.http.putJson("/api/v1/identity-providers/" + id, admin.key(), Http.json(restBody(update)));
        assertThat(restUrl.status()).isEqualTo(400);
        update.put("id", id);
        sameRefusal(restUrl, mutation(admin.key(), "updateIdentityProvider", "UpdateIdentityProviderInput", update,
                "identityProvider { id }"));
        // 403: a member who does not administer the organization; 404: another organization's administrator
        var member = f.tenants.member(org, "Member", "Creator");
        update.put("authorizationEndpoint", "https://idp.example.com/authorize2");
        update.remove("id");
        Answer restMember = f.http.putJson("/api/v1/identity-providers/" + id, member.key(), Http.json(restBody(update)));
        assertThat(restMember.status()).isEqualTo(403);
        update.put("id", id);
        sameRefusal(restMember, mutation(member.key(), "updateIdentityProvider", "UpdateIdentityProviderInput", update,
                "identityProvider { id }"));
        Answer restOutsider = f.http.delete("/api/v1/identity-providers/" + id, f.outsider.key());
        assertThat(restOutsider.status()).isEqualTo(404);
        sameRefusal(restOutsider, mutation(f.outsider.key(), "deleteIdentityProvider", "DeleteIdentityProviderInput",
                map("id", id), "deletedIds"));
        assertThat(f.http.get("/api/v1/identity-providers/" + id, admin.key()).data().get("authorizationEndpoint")
                .asString()).isEqualTo("https://idp.example.com/authorize");

        JsonNode deleted = mutation(admin.key(), "deleteIdentityProvider", "DeleteIdentityProviderInput", map("id", id),
                "deletedIds");
        assertThat(deleted.get("deletedIds").get(0).asString()).isEqualTo(id);
        assertThat(f.http.get("/api/v1/identity-providers/" + id, admin.key()).status()).isEqualTo(404);
    }

    // ---- storage services ----

    @Test
    void aStorageServiceCreatedThroughGraphqlIsTheOneRestShowsAndTestsAlike() throws Exception {
        java.nio.file.Path deliveries = java.nio.file.Files.createDirectories(
                f.server.dataDir().resolve("deliveries").resolve(ContentFixture.unique("gql").replace(' ', '-')));
        JsonNode created = mutation(f.creator.key(), "createStorageService", "CreateStorageServiceInput",
                map("name", ContentFixture.unique("Share"), "type", "Folder", "organizationId", f.orgA.id(),
                        "settings", List.of(map("name", "rootFolder", "value", deliveries.toString()))),
                "storageService { id name type organizationId ownerId isMine settings { name value } version }");
        assertThat(created.get("userErrors")).as(created.toString()).isEmpty();
        String id = created.get("storageService").get("id").asString();
        JsonNode rest = f.http.get("/api/v1/storage-services/" + id, f.creator.key()).data();
        assertThat(created.get("storageService").get("name").asString()).isEqualTo(rest.get("name").asString());
        assertThat(created.get("storageService").get("ownerId").asString()).isEqualTo(rest.get("owner").asString())
                .isEqualTo(f.creator.id());
        assertThat(created.get("storageService").get("settings").valueStream()
                .filter(setting -> setting.get("name").asString().equals("rootFolder")).findFirst().orElseThrow()
                .get("value").asString()).isEqualTo(rest.get("settings").get("rootFolder").asString());

        JsonNode tested = mutation(f.creator.key(), "testStorageService", "TestStorageServiceInput", map("id", id),
                "result { ok message }");
        Answer restTest = f.http.postJson("/api/v1/storage-services/" + id + "/test", f.creator.key(), "");
        assertThat(tested.get("result").get("ok").asBoolean()).isEqualTo(restTest.data().get("ok").asBoolean()).isTrue();

        // 400 naming the plugin's field, as REST
        Map<String, Object> outside = map("name", "Outside", "type", "Folder", "organizationId", f.orgA.id(),
                "settings", List.of(map("name", "rootFolder", "value", "/etc")));
        Answer restOutside = f.http.postJson("/api/v1/storage-services", f.creator.key(), Http.json(map("name", "Outside",
                "type", "Folder", "organizationID", f.orgA.id(), "settings", Map.of("rootFolder", "/etc"))));
        assertThat(restOutside.status()).isEqualTo(400);
        sameRefusal(restOutside, mutation(f.creator.key(), "createStorageService", "CreateStorageServiceInput", outside,
                "storageService { id }"));
        // 403: a viewer of the organization; 404: another organization's administrator
        // an update gives the settings again (the stored secrets stay when left out)
        Map<String, Object> rename = map("id", id, "name", "Renamed",
                "settings", List.of(map("name", "rootFolder", "value", deliveries.toString())));
        Answer restViewer = f.http.putJson("/api/v1/storage-services/" + id, f.viewer.key(), Http.json(map("name", "Renamed",
                "settings", Map.of("rootFolder", deliveries.toString()))));
        assertThat(restViewer.status()).isEqualTo(403);
        sameRefusal(restViewer, mutation(f.viewer.key(), "updateStorageService", "UpdateStorageServiceInput", rename,
                "storageService { id }"));
        Answer restOutsider = f.http.postJson("/api/v1/storage-services/" + id + "/test", f.outsider.key(), "");
        assertThat(restOutsider.status()).isEqualTo(404);
        sameRefusal(restOutsider, mutation(f.outsider.key(), "testStorageService", "TestStorageServiceInput", map("id", id),
                "result { ok }"));

        JsonNode renamed = mutation(f.creator.key(), "updateStorageService", "UpdateStorageServiceInput", rename,
                "storageService { name }");
        assertThat(renamed.get("userErrors")).as(renamed.toString()).isEmpty();
        assertThat(renamed.get("storageService").get("name").asString()).isEqualTo("Renamed");
        JsonNode deleted = mutation(f.creator.key(), "deleteStorageServices", "DeleteInput", map("ids", List.of(id)),
                "deletedIds");
        assertThat(deleted.get("deletedIds").get(0).asString()).isEqualTo(id);
        assertThat(f.http.get("/api/v1/storage-services/" + id, f.creator.key()).status()).isEqualTo(404);
    }

    // ---- users ----

    @Test
    void aUserAddedThroughGraphqlIsTheOneRestShows() {
        String email = ContentFixture.unique("ann").replace(' ', '.') + "@example.com";
        JsonNode added = mutation(f.administrator.key(), "addUser", "AddUserInput",
                map("firstName", "Ann", "lastName", "Lee", "email", email, "organizationIds", List.of(f.orgA.id())),
                "user { id uuid name firstName lastName type email status license tenantAdminRole createdDate"
                        + " organizationRoles { organizationId organizationName role license } groups { uuid } }");
        assertThat(added.get("userErrors")).as(added.toString()).isEmpty();
        JsonNode user = added.get("user");
        JsonNode rest = f.http.get("/api/v1/users/" + user.get("uuid").asString(), f.administrator.key()).data();
        for (String field : List.of("name", "firstName", "lastName", "type", "email", "status", "license")) {
            assertThat(user.get(field).asString()).as(field).isEqualTo(rest.get(field).asString());
        }
        assertThat(user.get("organizationRoles").get(0).get("organizationId").asString())
                .isEqualTo(rest.get("organizationRoles").get(0).get("organizationID").asString()).isEqualTo(f.orgA.id());
        assertThat(user.get("organizationRoles").get(0).get("role").asString())
                .isEqualTo(rest.get("organizationRoles").get(0).get("role").asString());
        assertThat(user.get("groups").findValuesAsString("uuid")).containsExactlyInAnyOrderElementsOf(ids(rest.get("groups")));

        // an update action: the license of a member, read back through REST
        var member = f.tenants.member(f.orgA, "Member", "Viewer");
        JsonNode licensed = mutation(f.administrator.key(), "updateUser", "UpdateUserInput",
                map("id", member.id(), "type", "LICENSE", "license", "Explorer"), "user { license organizationRoles { license } }");
        assertThat(licensed.get("userErrors")).isEmpty();
        assertThat(licensed.get("user").get("license").asString()).isEqualTo("Explorer");
        assertThat(f.http.get("/api/v1/users/" + member.id(), f.administrator.key()).data().get("license").asString())
                .isEqualTo("Explorer");

        JsonNode deleted = mutation(f.administrator.key(), "deleteUsers", "DeleteInput",
                map("ids", List.of(user.get("id").asString())), "deletedIds");
        assertThat(deleted.get("userErrors")).isEmpty();
        assertThat(f.http.get("/api/v1/users/" + user.get("uuid").asString(), f.administrator.key()).status()).isEqualTo(404);
    }

    @Test
    void userRefusalsAreRestsRefusals() {
        // 400 from the request's constraints, under the input's names
        Answer rest = f.http.postJson("/api/v1/users", f.administrator.key(), Http.json(map("firstName", " ",
                "lastName", "Lee", "organizations", List.of())));
        assertThat(rest.status()).isEqualTo(400);
        sameRefusal(rest, mutation(f.administrator.key(), "addUser", "AddUserInput", map("firstName", " ",
                "lastName", "Lee", "organizationIds", List.of()), "user { id }"),
                field -> field.replace("organizations", "organizationIds"));
        // 400 from the update actions' rules: REST's value is the field the action names
        var member = f.tenants.member(f.orgA, "Member", "Viewer");
        Answer restStatus = f.http.putJson("/api/v1/users/" + member.id(), f.administrator.key(),
                Http.json(map("type", "status", "value", "Paused")));
        assertThat(restStatus.status()).isEqualTo(400);
        sameRefusal(restStatus, mutation(f.administrator.key(), "updateUser", "UpdateUserInput",
                map("id", member.id(), "type", "STATUS", "status", "Paused"), "user { id }"),
                field -> field.replace("value", "status"));
        Answer restRoles = f.http.putJson("/api/v1/users/" + member.id(), f.administrator.key(), Http.json(map("type",
                "organizationRoles", "value", List.of(map("organizationID", f.orgA.id(), "role", "Boss", "license", "Viewer")))));
        assertThat(restRoles.status()).isEqualTo(400);
        sameRefusal(restRoles, mutation(f.administrator.key(), "updateUser", "UpdateUserInput", map("id", member.id(),
                "type", "ORGANIZATION_ROLES", "organizationRoles", List.of(map("organizationId", f.orgA.id(), "role", "Boss",
                        "license", "Viewer"))), "user { id }"),
                field -> field.replace("value", "organizationRoles"));
        // 403: a member who administers nothing
        Answer restForbidden = f.http.putJson("/api/v1/users/" + member.id(), f.creator.key(),
                Http.json(map("type", "status", "value", "Disabled")));
        assertThat(restForbidden.status()).isEqualTo(403);
        sameRefusal(restForbidden, mutation(f.creator.key(), "updateUser", "UpdateUserInput",
                map("id", member.id(), "type", "STATUS", "status", "Disabled"), "user { id }"));
        // 404: another organization's administrator; 409: oneself
        Answer restMissing = f.http.delete("/api/v1/users/" + member.id(), f.outsider.key());
        assertThat(restMissing.status()).isEqualTo(404);
        sameRefusal(restMissing, mutation(f.outsider.key(), "deleteUsers", "DeleteInput", map("ids", List.of(member.id())),
                "deletedIds"));
        Answer restSelf = f.http.delete("/api/v1/users/" + f.administrator.id(), f.administrator.key());
        assertThat(restSelf.status()).isEqualTo(409);
        sameRefusal(restSelf, mutation(f.administrator.key(), "deleteUsers", "DeleteInput",
                map("ids", List.of(f.administrator.id())), "deletedIds"));
        assertThat(f.http.get("/api/v1/users/" + member.id(), f.administrator.key()).data().get("status").asString())
                .isEqualTo("Active");
    }

    @Test
    void invitationsAndTransfersAreRests() {
        String email = ContentFixture.unique("invitee").replace(' ', '.') + "@example.com";
        JsonNode invited = mutation(f.administrator.key(), "inviteUsers", "InviteUsersInput", map("emails", List.of(email),
                "organizations", List.of(map("organizationId", f.orgA.id(), "role", "Member", "license", "Viewer"))),
                "users { email id status created emailSent invitationLink } emailSent message");
        assertThat(invited.get("userErrors")).as(invited.toString()).isEmpty();
        JsonNode person = invited.get("users").get(0);
        assertThat(person.get("created").asBoolean()).isTrue();
        JsonNode rest = f.http.get("/api/v1/users/" + person.get("id").asString(), f.administrator.key()).data();
        assertThat(rest.get("email").asString()).isEqualTo(email);
        assertThat(person.get("status").asString()).isEqualTo(rest.get("status").asString()).isEqualTo("Pending");
        // without SMTP the link to pass on is REST's: the same server address, only the token differs
        Answer restInvite = f.http.postJson("/api/v1/users/invite", f.administrator.key(), Http.json(map("emails",
                List.of("rest." + email), "organizations", List.of(map("organizationID", f.orgA.id())))));
        assertThat(invited.get("emailSent").asBoolean()).isEqualTo(restInvite.data().get("emailSent").asBoolean());
        assertThat(invited.get("message").asString()).isEqualTo(restInvite.data().get("message").asString());
        String restLink = restInvite.data().get("users").get(0).get("invitationLink").asString();
        if (!person.get("emailSent").asBoolean()) {
            String link = person.get("invitationLink").asString();
            assertThat(link.substring(0, link.indexOf("#token="))).isEqualTo(restLink.substring(0, restLink.indexOf("#token=")));
        }
        Answer restBadEmail = f.http.postJson("/api/v1/users/invite", f.administrator.key(), Http.json(map("emails",
                List.of("not-an-email"), "organizations", List.of(map("organizationID", f.orgA.id())))));
        assertThat(restBadEmail.status()).isEqualTo(400);
        sameRefusal(restBadEmail, mutation(f.administrator.key(), "inviteUsers", "InviteUsersInput", map("emails",
                List.of("not-an-email"), "organizations", List.of(map("organizationId", f.orgA.id()))), "users { id }"));

        var leaving = f.tenants.member(f.orgA, "Member", "Creator");
        String project = f.project(leaving);
        Answer restNothing = f.http.postJson("/api/v1/users/" + leaving.id() + "/transfer", f.administrator.key(),
                Http.json(map("newUserID", f.creator.id(), "transferContent", false, "transferPermissions", false)));
        assertThat(restNothing.status()).isEqualTo(400);
        sameRefusal(restNothing, mutation(f.administrator.key(), "transferUser", "TransferUserInput", map("id", leaving.id(),
                "newUserId", f.creator.id(), "transferContent", false, "transferPermissions", false), "permissionsTransferred"));
        JsonNode moved = mutation(f.administrator.key(), "transferUser", "TransferUserInput", map("id", leaving.id(),
                "newUserId", f.creator.id(), "transferContent", true, "transferPermissions", true),
                "contentTransferred { kind count } permissionsTransferred");
        assertThat(moved.get("userErrors")).as(moved.toString()).isEmpty();
        assertThat(moved.get("contentTransferred").toString()).contains("\"count\":1");
        assertThat(f.http.get("/api/v1/projects/" + project, f.creator.key()).data().get("owner").asString())
                .isEqualTo(f.creator.id());
    }
}
