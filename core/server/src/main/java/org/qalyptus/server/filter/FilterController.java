package org.qalyptus.server.filter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.AssetPermissionRoutes;
import org.qalyptus.server.asset.AssetPermissions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.FilterRequests.BookmarkValue;
import org.qalyptus.server.filter.FilterRequests.CreateFilter;
import org.qalyptus.server.filter.FilterRequests.DuplicateFilter;
import org.qalyptus.server.filter.FilterRequests.FieldValues;
import org.qalyptus.server.filter.FilterRequests.OrderItem;
import org.qalyptus.server.filter.FilterRequests.UpdateFilter;
import org.qalyptus.server.filter.FilterRequests.VariableValue;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Filters routes of the Qalyptus Cloud API (the permission and owner routes are inherited); the rules
 * live in {@link FilterService} and {@link FilterItemService}.
 */
@RestController
@RequestMapping("/api/v1/filters")
@Tag(name = "Filters")
class FilterController extends AssetPermissionRoutes<FilterView> {

    private final FilterService filters;
    private final FilterItemService items;

    FilterController(AssetPermissions permissions, FilterService filters, FilterItemService items) {
        super(permissions);
        this.filters = filters;
        this.items = items;
    }

    @Override
    protected AssetKind<?> kind() {
        return FilterDocument.KIND;
    }

    @Override
    protected FilterView view(Caller caller, String id) {
        return filters.get(caller, id);
    }

    @Operation(summary = "Create filter")
    @PostMapping
    ApiResponse<FilterView> create(Caller caller, @RequestBody CreateFilter request) {
        return ApiResponse.ok(filters.create(caller, request));
    }

    @Operation(summary = "Get filters: every filter the caller may see")
    @GetMapping
    ApiResponse<List<FilterView>> list(Caller caller) {
        return ApiResponse.ok(filters.list(caller, null));
    }

    @Operation(summary = "Duplicate filter: a copy with its items, in the filter's project or another of its organization")
    @PostMapping("/{id}/duplicate")
    ApiResponse<FilterView> duplicate(Caller caller, @PathVariable UUID id,
            @RequestBody(required = false) DuplicateFilter request) {
        return ApiResponse.ok(filters.duplicate(caller, id.toString(), request));
    }

    @Operation(summary = "Update filter: name, description and (while it has no items) its app")
    @PutMapping("/{id}")
    ApiResponse<FilterView> update(Caller caller, @PathVariable UUID id, @RequestBody UpdateFilter request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(filters.update(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get filter by ID, with its items")
    @GetMapping("/{id}")
    ApiResponse<FilterView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(filters.get(caller, id.toString()));
    }

    @Operation(summary = "Delete filter")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        filters.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Update filter variable values: add a variable item (no id) or change one")
    @PutMapping("/{id}/variables")
    ApiResponse<FilterItemView> variables(Caller caller, @PathVariable UUID id, @RequestBody VariableValue request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(items.setVariable(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Update filter bookmark values: add the bookmark item (no id) or change it")
    @PutMapping("/{id}/bookmarks")
    ApiResponse<FilterItemView> bookmarks(Caller caller, @PathVariable UUID id, @RequestBody BookmarkValue request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(items.setBookmark(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Update filter field values: add a field item (no id) or change one; values must be the field's")
    @PutMapping("/{id}/fields")
    ApiResponse<FilterItemView> fields(Caller caller, @PathVariable UUID id, @RequestBody FieldValues request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(items.setField(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Delete filter values: remove items by id, all or none")
    @DeleteMapping("/{id}/values")
    ApiResponse<List<String>> deleteValues(Caller caller, @PathVariable UUID id, @RequestBody List<UUID> itemIds,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(items.delete(caller, id.toString(), itemIds, ifMatch));
    }

    @Operation(summary = "Order filter values: move an item Up, Down or to a position; answers the items in order")
    @PutMapping("/{id}/values/order")
    ApiResponse<List<FilterItemView>> order(Caller caller, @PathVariable UUID id, @RequestBody OrderItem request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ApiResponse.ok(items.order(caller, id.toString(), request, ifMatch));
    }

    @Operation(summary = "Get filter items, in order")
    @GetMapping("/{id}/items")
    ApiResponse<List<FilterItemView>> items(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(items.items(caller, id.toString()));
    }

    @Operation(summary = "Get filter items field: one item by its id")
    @GetMapping("/items/{id}")
    ApiResponse<FilterItemView> item(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(items.item(caller, id.toString()));
    }

    @Operation(summary = "Get filters by project")
    @GetMapping("/project/{id}")
    ApiResponse<List<FilterView>> byProject(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(filters.list(caller, id.toString()));
    }

    @Operation(summary = "Get report filters: the filters of the report's project that draw from one of its apps")
    @GetMapping("/report/{id}")
    ApiResponse<List<FilterView>> forReport(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(filters.forReport(caller, id.toString()));
    }

    @Operation(summary = "Delete filters, all or none")
    @DeleteMapping
    ApiResponse<List<String>> deleteMany(Caller caller, @RequestBody List<UUID> ids) {
        return ApiResponse.ok(filters.deleteMany(caller, ids));
    }
}
