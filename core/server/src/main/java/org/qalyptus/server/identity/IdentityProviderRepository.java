package org.qalyptus.server.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface IdentityProviderRepository extends MongoRepository<IdentityProviderDocument, String> {

    Optional<IdentityProviderDocument> findByOrganizationId(String organizationId);

    List<IdentityProviderDocument> findByOrganizationIdIn(Collection<String> organizationIds);

    long deleteByOrganizationId(String organizationId);
}
