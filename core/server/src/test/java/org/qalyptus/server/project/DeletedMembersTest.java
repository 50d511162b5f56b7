package org.qalyptus.server.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qalyptus.server.permission.MemberGrants;
import org.qalyptus.server.permission.PermissionDocument;
import org.qalyptus.server.support.Http;
import org.qalyptus.server.support.SharedServer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Deleting a user or a group removes their memberships from every project, and what they were granted to see. */
class DeletedMembersTest {

    private final Tenancy t = new Tenancy(SharedServer.get());
    private final Http http = t.http;
    private final MongoTemplate mongo = t.server.bean(MongoTemplate.class);

    private long membershipsOf(String memberId) {
        return mongo.count(new Query(Criteria.where("memberId").is(memberId)), PermissionDocument.class);
    }

    @Test
    void deletingAUserRemovesTheirProjectMembershipsAndGrants() {
        String project = t.project(t.creator, Tenancy.unique("Shared")).get("id").asString();
        t.grant(project, t.teamMember.id(), "User", t.creator.key(), "viewProject");
        assertThat(membershipsOf(t.teamMember.id())).isEqualTo(1);
        assertThat(mongo.findById(t.teamMember.id(), MemberGrants.class)).isNotNull();

        Http.Answer deleted = http.delete("/api/v1/users/" + t.teamMember.id(), t.administrator.key());

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(membershipsOf(t.teamMember.id())).isZero();
        assertThat(mongo.findById(t.teamMember.id(), MemberGrants.class)).isNull();
        assertThat(http.get("/api/v1/projects/" + project + "/permissions", t.creator.key()).data()
                .findValuesAsString("memberID")).doesNotContain(t.teamMember.id());
    }

    @Test
    void deletingAGroupRemovesItsProjectMembershipsAndItsMembersLoseWhatItGranted() {
        String project = t.project(t.creator, Tenancy.unique("Team project")).get("id").asString();
        t.grant(project, t.teamA, "Group", t.creator.key(), "viewProject");
        assertThat(http.get("/api/v1/projects/" + project, t.teamMember.key()).status()).isEqualTo(200);

        Http.Answer deleted = http.delete("/api/v1/groups/" + t.teamA, t.administrator.key());

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(membershipsOf(t.teamA)).isZero();
        assertThat(mongo.findById(t.teamA, MemberGrants.class)).isNull();
        assertThat(http.get("/api/v1/projects/" + project, t.teamMember.key()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/projects", t.teamMember.key()).body()).doesNotContain(project);
    }
}
