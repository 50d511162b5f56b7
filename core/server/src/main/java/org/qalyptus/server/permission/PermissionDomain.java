package org.qalyptus.server.permission;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The head of one permission domain (a project): its change counter and the ids of its memberships.
 * Every change to the domain's memberships, mode or membership list updates this one document
 * atomically, incrementing {@code version}; each node compares it with the version its cached enforcer
 * was built from and reloads a stale domain. Loading a domain reads this document and then its
 * memberships by id, which every store serves from the primary key (the embedded one has no secondary
 * indexes). A missing document reads as version 0 with no memberships.
 *
 * @param membershipIds the ids of the domain's {@link PermissionDocument}s; a membership document not
 *     listed here (left by a write cut short) does not count
 */
@Document("permissionDomains")
public record PermissionDomain(@Id String id, long version, List<String> membershipIds) {

    public PermissionDomain {
        membershipIds = membershipIds == null ? List.of() : List.copyOf(membershipIds);
    }
}
