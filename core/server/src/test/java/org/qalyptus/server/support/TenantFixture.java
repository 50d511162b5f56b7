package org.qalyptus.server.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.auth.OpaqueToken;
import org.qalyptus.server.group.GroupService;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Builds tenants for tests straight through the server's beans: organizations (with their "All users"
 * group), users with roles, and credentials for them (an API key limited to one organization, or an
 * unlimited login session), so tests spend their time on the routes they check.
 */
public final class TenantFixture {

    private final RunningServer server;

    public TenantFixture(RunningServer server) {
        this.server = server;
    }

    public record Org(String id, String name, String allUsersGroupId) {}

    /** A user and credentials: {@code key} is limited to the organization the user was created in. */
    public record Person(String id, String email, String key, String session) {}

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Org organization(String displayName) {
        String name = unique(displayName.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        OrganizationDocument organization = server.bean(OrganizationRepository.class).insert(new OrganizationDocument(
                UUID.randomUUID().toString(), name, displayName, "made by a test", false, true, false, Instant.now(),
                UUID.randomUUID().toString()));
        String group = server.bean(GroupService.class).ensureAllUsersGroup(organization.id()).id();
        return new Org(organization.id(), name, group);
    }

    public Person member(Org org, String role, String license) {
        return user(List.of(new Membership(org.id(), role, license, List.of(org.allUsersGroupId()))), false, org.id());
    }

    public Person administrator(Org org) {
        return member(org, "Administrator", "Creator");
    }

    public Person viewer(Org org) {
        return member(org, "Member", "Viewer");
    }

    public Person tenantAdministrator(Org keyOrg) {
        return user(List.of(), true, keyOrg.id());
    }

    /** Adds an existing user to another organization. */
    public void join(Person person, Org org, String role, String license) {
        UserRepository users = server.bean(UserRepository.class);
        UserDocument user = users.findById(person.id()).orElseThrow();
        List<Membership> memberships = new ArrayList<>(user.memberships());
        memberships.add(new Membership(org.id(), role, license, List.of(org.allUsersGroupId())));
        users.save(user.withMemberships(memberships));
    }

    public String keyFor(Person person, Org org) {
        return server.bean(ApiKeyService.class).issue(person.id(), "test", null, org.id(),
                Instant.now().plus(30, ChronoUnit.DAYS)).key();
    }

    private Person user(List<Membership> memberships, boolean tenantAdmin, String keyOrganization) {
        String email = unique("user") + "@example.com";
        UserDocument user = server.bean(UserRepository.class).insert(new UserDocument(UUID.randomUUID().toString(), email,
                "Test", email.substring(0, 13), null, UserStatus.Active, "User", false, tenantAdmin, memberships, "en", "UTC",
                Instant.now()));
        String key = server.bean(ApiKeyService.class).issue(user.id(), "test", null, keyOrganization,
                Instant.now().plus(30, ChronoUnit.DAYS)).key();
        return new Person(user.id(), email, key, session(user.id()));
    }

    /** A login session token for the user, as signing in would give. */
    public String session(String userId) {
        OpaqueToken token = OpaqueToken.generate("qls_");
        Instant now = Instant.now();
        server.bean(MongoTemplate.class).insert(new Document("_id", token.id().toString()).append("userId", userId)
                .append("secretHash", token.secretHash()).append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(1, ChronoUnit.HOURS))), "sessions");
        return token.encode();
    }

    /** The tenant owner with an unlimited login session. */
    public Person owner() {
        UserDocument owner = server.bean(UserRepository.class).findAll().stream().filter(UserDocument::tenantOwner)
                .findFirst().orElseThrow();
        return new Person(owner.id(), owner.email(), server.credentials().apiKey(), session(owner.id()));
    }

    /**
     * A document of another feature's collection, as that feature would store it (project assets in a
     * project of their own, with the name key their unique index holds).
     */
    public String contentOwnedBy(String collection, String ownerId, String organizationId) {
        String id = UUID.randomUUID().toString();
        String name = unique(collection);
        Document content = new Document("_id", id).append("name", name).append("nameKey", name.toLowerCase())
                .append("ownerId", ownerId).append("organizationId", organizationId);
        if (List.of("reports", "filters", "conditions", "tasks").contains(collection)) {
            content.append("projectId", UUID.randomUUID().toString());
        }
        if (collection.equals("projects")) {
            // Every field a project always has: tests sharing the server list all projects as the tenant owner.
            java.util.Date now = new java.util.Date();
            content.append("globalPermissions", true).append("createdAt", now).append("updatedAt", now);
        }
        server.bean(MongoTemplate.class).insert(content, collection);
        return id;
    }
}
