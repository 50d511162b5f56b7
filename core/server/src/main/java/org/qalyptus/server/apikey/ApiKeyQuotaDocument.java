package org.qalyptus.server.apikey;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How many API keys a user holds, kept beside the keys so that the per-user limit holds under concurrent
 * creations: a key is created only after a conditional increment of this one document succeeded.
 *
 * @param id the user's id
 */
@Document("apiKeyQuotas")
record ApiKeyQuotaDocument(@Id String id, int count) {}
