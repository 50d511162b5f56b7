package org.qalyptus.server.permission;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The change counter of one permission domain (a project), incremented atomically by every change to
 * its memberships, owner or mode. Each node compares it with the version its cached enforcer was built
 * from and reloads a stale domain. A missing document reads as version 0.
 */
@Document("permissionDomains")
public record PermissionDomainVersion(@Id String id, long version) {}
