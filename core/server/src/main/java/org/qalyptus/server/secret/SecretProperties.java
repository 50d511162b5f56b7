package org.qalyptus.server.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKey the base64 of 32 random bytes that encrypts stored secrets; every node of a cluster
 *     must have the same. When unset, a key is generated on the first start into
 *     {@code <data-dir>/master.key} (owner-only), which suits a single node.
 */
@ConfigurationProperties("qalyptus.secrets")
public record SecretProperties(String masterKey) {}
