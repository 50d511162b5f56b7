package org.qalyptus.server.permission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param versionCheckInterval how long a node trusts its cached policies before reading the global
 *     change counter again (one read by primary key for the whole node); when it moved, each cached
 *     domain reads its own version once. Changes made on this node apply at once; changes made on another
 *     node are seen within this interval. Zero checks every domain's version on every request.
 * @param domainRecheckInterval how long a cached domain goes without reading its own version even when
 *     the global counter did not move: a safety net for a change whose global increment was cut short
 * @param maxCachedDomains how many domains a node keeps enforcers for before evicting some
 */
@ConfigurationProperties("qalyptus.permissions")
public record PermissionProperties(
        @DefaultValue("1s") Duration versionCheckInterval,
        @DefaultValue("30s") Duration domainRecheckInterval,
        @DefaultValue("20000") int maxCachedDomains) {}
