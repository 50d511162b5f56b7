package org.qalyptus.server.project;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.apikey.ApiKeyService;
import org.qalyptus.server.group.GroupDocument;
import org.qalyptus.server.group.GroupRepository;
import org.qalyptus.server.organization.OrganizationDocument;
import org.qalyptus.server.organization.OrganizationRepository;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.RunningServer;
import org.qalyptus.server.user.UserDocument;
import org.qalyptus.server.user.UserDocument.Membership;
import org.qalyptus.server.user.UserRepository;
import org.qalyptus.server.user.UserStatus;
import tools.jackson.databind.JsonNode;

/**
 * Two fresh organizations with people of every license, written straight into the store (the users and
 * groups routes belong to another part of the work), each with an API key limited to their organization.
 */
final class Tenancy {

    record Person(String id, String email, String key) {}

    final RunningServer server;
    final Http http;
    final String orgA;
    final String orgB;
    final String allUsersA;
    final String teamA;
    final Person viewer;
    final Person explorer;
    final Person creator;
    final Person otherCreator;
    final Person administrator;
    final Person teamMember;
    /** A Creator and Administrator of organization B only. */
    final Person outsider;
    /** A Creator in both organizations whose key is limited to organization B. */
    final Person inBothKeyForB;

    Tenancy(RunningServer server) {
        this.server = server;
        this.http = server.http();
        orgA = organization("a");
        orgB = organization("b");
        allUsersA = group(orgA, GroupDocument.ALL_USERS, true);
        String allUsersB = group(orgB, GroupDocument.ALL_USERS, true);
        teamA = group(orgA, "Team", false);
        viewer = person(orgA, List.of(membership(orgA, "Member", "Viewer", allUsersA)));
        explorer = person(orgA, List.of(membership(orgA, "Member", "Explorer", allUsersA)));
        creator = person(orgA, List.of(membership(orgA, "Member", "Creator", allUsersA)));
        otherCreator = person(orgA, List.of(membership(orgA, "Member", "Creator", allUsersA)));
        administrator = person(orgA, List.of(membership(orgA, "Administrator", "Creator", allUsersA)));
        teamMember = person(orgA, List.of(membership(orgA, "Member", "Explorer", allUsersA, teamA)));
        outsider = person(orgB, List.of(membership(orgB, "Administrator", "Creator", allUsersB)));
        inBothKeyForB = person(orgB, List.of(membership(orgA, "Member", "Creator", allUsersA),
                membership(orgB, "Member", "Creator", allUsersB)));
    }

    private String organization(String suffix) {
        String id = UUID.randomUUID().toString();
        server.bean(OrganizationRepository.class).insert(new OrganizationDocument(id, "org-" + suffix + "-" + id,
                "Organization " + suffix, null, false, true, false, Instant.now()));
        return id;
    }

    private String group(String organizationId, String name, boolean isDefault) {
        String id = UUID.randomUUID().toString();
        server.bean(GroupRepository.class).insert(new GroupDocument(id, organizationId, name, null, isDefault, Instant.now()));
        return id;
    }

    private static Membership membership(String organizationId, String role, String license, String... groups) {
        return new Membership(organizationId, role, license, List.of(groups));
    }

    private Person person(String keyOrganization, List<Membership> memberships) {
        String id = UUID.randomUUID().toString();
        String email = "user-" + id + "@example.com";
        server.bean(UserRepository.class).insert(new UserDocument(id, email, "User", id.substring(0, 8), null,
                UserStatus.Active, "User", false, false, new ArrayList<>(memberships), "en", "UTC", Instant.now()));
        String key = server.bean(ApiKeyService.class).issue(id, "test key", null, keyOrganization,
                Instant.now().plus(30, ChronoUnit.DAYS)).key();
        return new Person(id, email, key);
    }

    /** Creates a project in organization A as {@code owner}; returns its JSON. */
    JsonNode project(Person owner, String name) {
        Http.Answer answer = http.postJson("/api/v1/projects", owner.key(),
                Http.json(java.util.Map.of("name", name, "description", "about " + name, "organizationID", orgA)));
        if (answer.status() != 200) {
            throw new AssertionError("creating project " + name + ": " + answer.status() + " " + answer.body());
        }
        return answer.data();
    }

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    Http.Answer put(String path, String key, String json) {
        return http.send(http.request(path, key).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    Http.Answer deleteWithBody(String path, String key, String json) {
        return http.send(http.request(path, key).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Grants {@code flags} (all when empty) on the project to one user or group; returns the memberPermissionId. */
    String grant(String projectId, String memberId, String type, String ownerKey, String... flags) {
        java.util.Map<String, Boolean> permissions = new java.util.LinkedHashMap<>();
        for (org.qalyptus.server.permission.Permission p : org.qalyptus.server.permission.Permission.values()) {
            permissions.put(p.flag(), flags.length == 0 || List.of(flags).contains(p.flag()));
        }
        Http.Answer answer = put("/api/v1/projects/" + projectId + "/permissions", ownerKey, Http.json(java.util.Map.of(
                "members", List.of(java.util.Map.of("id", memberId, "type", type)), "permissions", permissions)));
        if (answer.status() != 200) {
            throw new AssertionError("granting: " + answer.status() + " " + answer.body());
        }
        for (JsonNode member : answer.data()) {
            if (member.get("memberID").asString().equals(memberId)) {
                return member.get("id").asString();
            }
        }
        throw new AssertionError("member not in " + answer.body());
    }
}
