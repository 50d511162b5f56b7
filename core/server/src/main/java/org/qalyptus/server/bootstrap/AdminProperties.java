package org.qalyptus.server.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tenant owner created on the first start; from {@code QALYPTUS_ADMIN_EMAIL} and
 * {@code QALYPTUS_ADMIN_PASSWORD}, generated when unset.
 */
@ConfigurationProperties("qalyptus.admin")
public record AdminProperties(String email, String password) {}
