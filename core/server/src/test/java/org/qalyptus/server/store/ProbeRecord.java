package org.qalyptus.server.store;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A document the durability test writes through the application's persistence layer. */
@Document("durabilityProbe")
record ProbeRecord(@Id String id, int sequence) {}
