package org.qalyptus.server.apikey;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ApiKeyRepository extends MongoRepository<ApiKeyDocument, String> {

    long countByUserId(String userId);
}
