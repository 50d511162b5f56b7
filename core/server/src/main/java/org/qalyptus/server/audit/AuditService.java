package org.qalyptus.server.audit;

import java.time.Clock;
import java.time.Instant;
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
        Window window = window(caller, new Filter(organizationId, null, null, null, null, null), (long) (page - 1) * pageSize,
                pageSize);
        return new Page(window.entries(), page, pageSize, window.total());
    }

    /**
     * What to narrow the log to; null parts do not narrow.
     *
     * @param organizationId one organization's entries (administrators of it)
     * @param action an action, such as LOGIN
     * @param outcome an outcome, such as SUCCESS or FAILURE
     * @param email the acting user's email, ignoring case
     * @param from entries at or after this instant
     * @param to entries before this instant
     */
    public record Filter(String organizationId, String action, String outcome, String email, Instant from, Instant to) {}

    /** Entries of the log from an offset, newest first, with how many match in all. */
    public record Window(List<AuditEntryDocument> entries, long total) {}

    /**
     * The entries the caller may read that match the filter, from {@code skip} on, newest first (GraphQL's pages;
     * the same rules as {@link #list}).
     */
    public Window window(Caller caller, Filter filter, long skip, int limit) {
        if (limit < 0 || limit > MAX_PAGE_SIZE) {
            throw ApiException.invalid("first", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        String organizationId = filter.organizationId();
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
        List<Criteria> narrowed = new java.util.ArrayList<>(List.of(criteria));
        if (filter.action() != null) {
            narrowed.add(Criteria.where("action").is(filter.action()));
        }
        if (filter.outcome() != null) {
            narrowed.add(Criteria.where("outcome").is(filter.outcome()));
        }
        if (filter.email() != null) {
            narrowed.add(Criteria.where("email").regex("^" + java.util.regex.Pattern.quote(filter.email()) + "$", "i"));
        }
        if (filter.from() != null) {
            narrowed.add(Criteria.where("createdAt").gte(filter.from()));
        }
        if (filter.to() != null) {
            narrowed.add(Criteria.where("createdAt").lt(filter.to()));
        }
        Criteria all = narrowed.size() == 1 ? criteria : new Criteria().andOperator(narrowed);
        long total = mongo.count(new Query(all), AuditEntryDocument.class);
        if (limit == 0) {
            return new Window(List.of(), total);
        }
        Query query = new Query(all).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "_id")))
                .skip(skip).limit(limit);
        return new Window(mongo.find(query, AuditEntryDocument.class), total);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 1000) + "...";
    }
}
