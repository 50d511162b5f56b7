package org.qalyptus.server.execution;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The secret an organization's app reload events are signed with (HMAC-SHA256 over the raw body), one per
 * organization, its id the organization's. Encrypted with the master key ({@code SecretCipher}): the server must
 * read it back to check signatures; the API shows it once, when it is made.
 */
@Document("eventSecrets")
record EventSecretDocument(@Id String organizationId, String secret, Instant createdAt, String createdBy) {}
