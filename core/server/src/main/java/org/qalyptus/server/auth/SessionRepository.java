package org.qalyptus.server.auth;

import org.springframework.data.mongodb.repository.DeleteQuery;
import org.springframework.data.mongodb.repository.MongoRepository;

interface SessionRepository extends MongoRepository<SessionDocument, String> {

    /** Deletes the session; the count says whether this call (and not a concurrent one) ended it. */
    @DeleteQuery("{ '_id': ?0 }")
    long deleteByIdReturningCount(String id);
}
