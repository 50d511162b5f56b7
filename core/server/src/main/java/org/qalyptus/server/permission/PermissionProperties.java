package org.qalyptus.server.permission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param versionCheckInterval how long a node trusts its cached policies of a domain before reading the
 *     domain's version counter again (one indexed read). Changes made on this node apply at once; changes
 *     made on another node are seen within this interval. Zero checks on every request.
 * @param maxCachedDomains how many domains a node keeps enforcers for before evicting some
 */
@ConfigurationProperties("qalyptus.permissions")
public record PermissionProperties(
        @DefaultValue("1s") Duration versionCheckInterval,
        @DefaultValue("20000") int maxCachedDomains) {}
