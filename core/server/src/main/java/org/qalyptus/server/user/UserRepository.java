package org.qalyptus.server.user;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface UserRepository extends MongoRepository<UserDocument, String> {

    Optional<UserDocument> findByEmail(String email);

    List<UserDocument> findByMembershipsOrganizationId(String organizationId);

    List<UserDocument> findByMembershipsOrganizationIdIn(Collection<String> organizationIds);

    List<UserDocument> findByMembershipsGroupIds(String groupId);

    List<UserDocument> findByMembershipsGroupIdsIn(Collection<String> groupIds);

    long countByMembershipsGroupIds(String groupId);

    long countByMembershipsOrganizationId(String organizationId);
}
