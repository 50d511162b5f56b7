package org.qalyptus.server.apikey;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface ApiKeyRepository extends MongoRepository<ApiKeyDocument, String> {

    long countByUserId(String userId);

    List<ApiKeyDocument> findByUserIdOrderByCreatedAtDesc(String userId);

    List<ApiKeyDocument> findByOrganizationId(String organizationId);

    List<ApiKeyDocument> findByUserIdAndOrganizationId(String userId, String organizationId);

    List<ApiKeyDocument> findByUserId(String userId);
}
