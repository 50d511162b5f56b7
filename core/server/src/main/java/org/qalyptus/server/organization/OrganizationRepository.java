package org.qalyptus.server.organization;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface OrganizationRepository extends MongoRepository<OrganizationDocument, String> {

    Optional<OrganizationDocument> findByName(String name);

    boolean existsByName(String name);
}
