package org.qalyptus.server.audit;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.web.ApiException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The audit log: services record events; tenant administrators read all of it, organization administrators the
 * entries of the organizations they administer.
 */
@Service
public class AuditService {

    static final int MAX_PAGE_SIZE = 200;

    private final MongoTemplate mongo;
    private final OrganizationAccess access;
    private final Clock clock;

    AuditService(MongoTemplate mongo, OrganizationAccess access, Clock clock) {
        this.mongo = mongo;
        this.access = access;
        this.clock = clock;
    }

    /** What to record; the id and time are added. */
    public record Event(String organizationId, String action, String outcome, String errorCode, String message,
            String userId, String email, String identityProviderId, String clientAddress) {}

    public AuditEntryDocument record(Event event) {
        return mongo.insert(new AuditEntryDocument(UUID.randomUUID().toString(), clock.instant(), event.organizationId(),
                event.action(), event.outcome(), event.errorCode(), truncate(event.message()), event.userId(),
                event.email(), event.identityProviderId(), event.clientAddress()));
    }

    /** A page of entries, newest first. */
    public record Page(List<AuditEntryDocument> entries, int page, int pageSize, long total) {}

    /**
     * @param organizationId only this organization's entries, or null for every entry the caller may read
     * @param page 1-based
     */
    public Page list(Caller caller, String organizationId, int page, int pageSize) {
        if (page < 1) {
            throw ApiException.invalid("page", "must be 1 or more");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.invalid("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Criteria criteria;
        if (organizationId != null) {
            if (!access.canSee(caller, organizationId)) {
                throw ApiException.notFound("Organization " + organizationId);
            }
            access.requireAdministrator(caller, organizationId);
            criteria = Criteria.where("organizationId").is(organizationId);
        } else if (access.seesWholeTenant(caller) && caller.limitedToOrganization().isEmpty()) {
            criteria = new Criteria();
        } else {
            Set<String> administered = access.administeredOrganizationIds(caller);
            if (administered.isEmpty()) {
                throw ApiException.forbidden("Reading the audit log needs the administrator role of an organization");
            }
            criteria = Criteria.where("organizationId").in(administered);
        }
        long total = mongo.count(new Query(criteria), AuditEntryDocument.class);
        Query query = new Query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "_id")))
                .skip((long) (page - 1) * pageSize).limit(pageSize);
        return new Page(mongo.find(query, AuditEntryDocument.class), page, pageSize, total);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 1000) + "...";
    }
}
