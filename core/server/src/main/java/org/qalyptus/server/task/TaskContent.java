package org.qalyptus.server.task;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What tasks refer to in other features, read by collection and field name (the cross-feature contract),
 * one projected query per kind: reports, filters and conditions of a project, storage services, users
 * and groups of an organization.
 */
@Component
class TaskContent {

    /** Output formats by report type (the report's template kind). */
    static final Map<String, List<String>> FORMATS_BY_TYPE = Map.of(
            "HTML", List.of("Html", "Pdf", "Png", "Jpeg"),
            "Excel", List.of("Xlsx", "Pdf", "Csv"),
            "Word", List.of("Docx", "Pdf"),
            "PowerPoint", List.of("Pptx", "Pdf"));

    /** A report as tasks need it. @param appIds the apps it draws from, the main one first */
    record Report(String id, String projectId, String organizationId, String ownerId, String name, String description,
            String type, boolean isIteration, List<String> appIds) {

        List<String> outputFormats() {
            return FORMATS_BY_TYPE.getOrDefault(type, List.of());
        }
    }

    /** A filter or condition. @param appId a filter's app, null when unknown */
    record Asset(String id, String projectId, String ownerId, String name, String appId) {}

    record StorageService(String id, String organizationId, String name, String type) {}

    /** A user or group. @param type {@code User} or {@code Recipient} for users */
    record Member(String id, String name, String type, String email, boolean inOrganization) {}

    private final MongoTemplate mongo;

    TaskContent(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Map<String, Report> reports(Collection<String> ids) {
        Map<String, Report> found = new HashMap<>();
        for (Document d : find("reports", ids, "projectId", "organizationId", "ownerId", "name", "description", "type",
                "isIteration", "appIds")) {
            found.put(d.getString("_id"), new Report(d.getString("_id"), d.getString("projectId"),
                    d.getString("organizationId"), d.getString("ownerId"), d.getString("name"), d.getString("description"),
                    d.getString("type"), Boolean.TRUE.equals(d.getBoolean("isIteration")), strings(d.get("appIds"))));
        }
        return found;
    }

    Map<String, Asset> filters(Collection<String> ids) {
        return assets("filters", ids);
    }

    Map<String, Asset> conditions(Collection<String> ids) {
        return assets("conditions", ids);
    }

    Map<String, StorageService> storageServices(Collection<String> ids) {
        Map<String, StorageService> found = new HashMap<>();
        for (Document d : find("storageServices", ids, "organizationId", "name", "type")) {
            found.put(d.getString("_id"), new StorageService(d.getString("_id"), d.getString("organizationId"),
                    d.getString("name"), d.getString("type")));
        }
        return found;
    }

    /** Users by id, with whether each belongs to {@code organizationId}. */
    Map<String, Member> users(Collection<String> ids, String organizationId) {
        Map<String, Member> found = new HashMap<>();
        for (Document d : find("users", ids, "firstName", "lastName", "email", "type", "memberships")) {
            boolean member = d.getList("memberships", Document.class, List.of()).stream()
                    .anyMatch(m -> organizationId.equals(m.getString("organizationId")));
            String type = "Recipient".equals(d.getString("type")) ? "Recipient" : "User";
            found.put(d.getString("_id"), new Member(d.getString("_id"),
                    org.qalyptus.server.user.DisplayNames.of(d.getString("firstName"), d.getString("lastName"),
                            d.getString("email")),
                    type, d.getString("email"), member));
        }
        return found;
    }

    Map<String, Member> groups(Collection<String> ids, String organizationId) {
        Map<String, Member> found = new HashMap<>();
        for (Document d : find("groups", ids, "organizationId", "name")) {
            found.put(d.getString("_id"), new Member(d.getString("_id"), d.getString("name"), TaskRecipient.GROUP, null,
                    organizationId.equals(d.getString("organizationId"))));
        }
        return found;
    }

    private Map<String, Asset> assets(String collection, Collection<String> ids) {
        Map<String, Asset> found = new HashMap<>();
        for (Document d : find(collection, ids, "projectId", "ownerId", "name", "appId")) {
            found.put(d.getString("_id"), new Asset(d.getString("_id"), d.getString("projectId"), d.getString("ownerId"),
                    d.getString("name"), d.get("appId") instanceof String app ? app : null));
        }
        return found;
    }

    private List<Document> find(String collection, Collection<String> ids, String... fields) {
        Set<String> distinct = Set.copyOf(ids);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Query query = new Query(Criteria.where("_id").in(distinct));
        query.fields().include(fields);
        return mongo.find(query, Document.class, collection);
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }
}
