package org.qalyptus.server.connection;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface ConnectionRepository extends MongoRepository<ConnectionDocument, String> {

    List<ConnectionDocument> findByOrganizationIdOrderByNameAsc(String organizationId);

    List<ConnectionDocument> findByOrganizationIdInOrderByNameAsc(Collection<String> organizationIds);

    Optional<ConnectionDocument> findByOrganizationIdAndName(String organizationId, String name);
}
