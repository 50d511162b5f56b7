package org.qalyptus.server.graphql;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.FilterDocument;
import org.qalyptus.server.filter.FilterItemService;
import org.qalyptus.server.filter.FilterItemView;
import org.qalyptus.server.filter.FilterRequests;
import org.qalyptus.server.filter.FilterService;
import org.qalyptus.server.report.ReportDocument;
import org.qalyptus.server.report.ReportRequests;
import org.qalyptus.server.report.ReportRequests.DynamicNameRequest;
import org.qalyptus.server.report.ReportRequests.IterationFieldRequest;
import org.qalyptus.server.report.ReportService;
import org.qalyptus.server.report.ReportViews.ReportView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The report and filter mutations; the REST routes' service calls. */
@Controller
class ReportFilterMutations {

    private final ReportService reports;
    private final FilterService filters;
    private final FilterItemService items;
    private final AssetPermissions permissions;

    ReportFilterMutations(ReportService reports, FilterService filters, FilterItemService items,
            AssetPermissions permissions) {
        this.reports = reports;
        this.filters = filters;
        this.items = items;
        this.permissions = permissions;
    }

    // ---- reports ----

    @MutationMapping
    Map<String, Object> createReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("report", () -> reports.create(caller, new ReportRequests.CreateReport(
                Inputs.string(input, "name"), Inputs.string(input, "description"), Inputs.id(input, "projectId", "Project"),
                Inputs.string(input, "type"), Inputs.strings(input, "qlikAppIds"), null)));
    }

    /** The report's new state; what the input cannot say (iteration fields, dynamic names) is kept as it is. */
    @MutationMapping
    Map<String, Object> updateReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("report", () -> {
            String id = Inputs.uuid(input, "id", "Report");
            ReportView current = reports.get(caller, id);
            // Iteration fields and dynamic names are kept unless the input gives them (as REST's PUT does).
            List<IterationFieldRequest> iteration = input.get("iterationFields") instanceof List<?> given
                    ? given.stream().map(g -> (Map<?, ?>) g).map(g -> new IterationFieldRequest((String) g.get("qlikFieldId"),
                            (String) g.get("fieldName"), (String) g.get("qlikAppId"))).toList()
                    : current.iterationFields().stream()
                            .map(f -> new IterationFieldRequest(f.qlikFieldID(), f.fieldName(), f.qlikAppID())).toList();
            List<DynamicNameRequest> names = input.get("dynamicNames") instanceof List<?> given
                    ? given.stream().map(g -> (Map<?, ?>) g).map(g -> new DynamicNameRequest((String) g.get("type"),
                            (String) g.get("value"), (String) g.get("format"), (String) g.get("qlikAppId"))).toList()
                    : current.dynamicNames().stream()
                            .map(n -> new DynamicNameRequest(n.type(), n.qlikFieldID() != null ? n.qlikFieldID()
                                    : n.qlikVariableID() != null ? n.qlikVariableID() : n.value(), n.format(), n.qlikAppID()))
                            .toList();
            return reports.update(caller, id, new ReportRequests.UpdateReport(Inputs.string(input, "name"),
                    Inputs.string(input, "description"), (Boolean) input.get("isIteration"), iteration,
                    Inputs.string(input, "dynamicNameSeparator"), names, null, Inputs.strings(input, "qlikAppIds"), null,
                    Inputs.version(input)), null);
        });
    }

    @MutationMapping
    Map<String, Object> duplicateReport(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("report", () -> reports.duplicate(caller, Inputs.uuid(input, "id", "Report"),
                new ReportRequests.DuplicateReport(Inputs.id(input, "projectId", "Project"),
                        Inputs.id(input, "organizationId", "Organization"))).report());
    }

    @MutationMapping
    Map<String, Object> deleteReports(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> deleteOneOrMany(Inputs.uuids(input, "ids", "Report"),
                id -> reports.delete(caller, id), ids -> reports.deleteMany(caller, ids)));
    }

    @MutationMapping
    Map<String, Object> changeReportOwner(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("report", () -> {
            String id = Inputs.uuid(input, "id", "Report");
            permissions.changeOwner(caller, ReportDocument.KIND, id, Inputs.uuid(input, "ownerId", "User"));
            return reports.get(caller, id);
        });
    }

    // ---- filters ----

    @MutationMapping
    Map<String, Object> createFilter(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("filter", () -> filters.create(caller, new FilterRequests.CreateFilter(
                Inputs.string(input, "name"), Inputs.string(input, "description"), Inputs.id(input, "projectId", "Project"),
                Inputs.string(input, "qlikAppId"))));
    }

    @MutationMapping
    Map<String, Object> updateFilter(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("filter", () -> filters.update(caller, Inputs.uuid(input, "id", "Filter"),
                new FilterRequests.UpdateFilter(Inputs.string(input, "name"), Inputs.string(input, "description"), null,
                        null, Inputs.version(input)), null));
    }

    @MutationMapping
    Map<String, Object> duplicateFilter(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("filter", () -> filters.duplicate(caller, Inputs.uuid(input, "id", "Filter"),
                new FilterRequests.DuplicateFilter(Inputs.id(input, "projectId", "Project"),
                        Inputs.id(input, "organizationId", "Organization"))));
    }

    @MutationMapping
    Map<String, Object> deleteFilters(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> deleteOneOrMany(Inputs.uuids(input, "ids", "Filter"),
                id -> filters.delete(caller, id), ids -> filters.deleteMany(caller, ids)));
    }

    @MutationMapping
    Map<String, Object> changeFilterOwner(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("filter", () -> {
            String id = Inputs.uuid(input, "id", "Filter");
            permissions.changeOwner(caller, FilterDocument.KIND, id, Inputs.uuid(input, "ownerId", "User"));
            return filters.get(caller, id);
        });
    }

    @MutationMapping
    Map<String, Object> setFilterField(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return itemPayload(caller, input, id -> items.setField(caller, id, new FilterRequests.FieldValues(null,
                Inputs.string(input, "qlikFieldId"), Inputs.strings(input, "filterItemFieldValues"),
                Inputs.string(input, "qlikAppId"), null, Inputs.version(input)), null));
    }

    @MutationMapping
    Map<String, Object> setFilterVariable(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return itemPayload(caller, input, id -> items.setVariable(caller, id, new FilterRequests.VariableValue(null,
                Inputs.string(input, "qlikVariableId"), Inputs.string(input, "variableValue"),
                Inputs.string(input, "qlikAppId"), null, Inputs.version(input)), null));
    }

    @MutationMapping
    Map<String, Object> setFilterBookmark(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return itemPayload(caller, input, id -> items.setBookmark(caller, id, new FilterRequests.BookmarkValue(null,
                Inputs.string(input, "qlikBookmarkId"), Inputs.string(input, "qlikAppId"), null, Inputs.version(input)),
                null));
    }

    @MutationMapping
    Map<String, Object> deleteFilterItems(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("deletedIds", () -> items.delete(caller, Inputs.uuid(input, "id", "Filter"),
                Inputs.uuids(input, "itemIds", "FilterItem"), version(input)));
    }

    @MutationMapping
    Map<String, Object> orderFilterItem(@ContextValue Caller caller, @Argument Map<String, Object> input) {
        return UserErrors.payload("filter", () -> {
            String id = Inputs.uuid(input, "id", "Filter");
            items.order(caller, id, new FilterRequests.OrderItem(Inputs.string(input, "itemId"),
                    Inputs.string(input, "direction"), null, Inputs.version(input)), null);
            return filters.get(caller, id);
        });
    }

    private Map<String, Object> itemPayload(Caller caller, Map<String, Object> input,
            java.util.function.Function<String, FilterItemView> change) {
        Map<String, Object> payload = UserErrors.payload("item", () -> change.apply(Inputs.uuid(input, "id", "Filter")));
        if (payload.get("item") instanceof FilterItemView item) {
            payload.put("filter", filters.get(caller, item.filterID()));
        } else {
            payload.put("filter", null);
        }
        return payload;
    }

    private static String version(Map<String, Object> input) {
        return null;
    }

    private static List<String> deleteOneOrMany(List<UUID> ids, java.util.function.Consumer<String> one,
            java.util.function.Function<List<UUID>, List<String>> many) {
        if (ids.size() == 1) {
            one.accept(ids.get(0).toString());
            return List.of(ids.get(0).toString());
        }
        return many.apply(ids);
    }
}
