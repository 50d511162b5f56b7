package org.qalyptus.server.auth;

import org.springframework.data.mongodb.repository.MongoRepository;

interface SessionRepository extends MongoRepository<SessionDocument, String> {}
