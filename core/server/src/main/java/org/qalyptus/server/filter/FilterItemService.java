package org.qalyptus.server.filter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.Located;
import org.qalyptus.server.asset.ProjectAssets;
import org.qalyptus.server.asset.Versions;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.FilterRequests.BookmarkValue;
import org.qalyptus.server.filter.FilterRequests.FieldValues;
import org.qalyptus.server.filter.FilterRequests.OrderItem;
import org.qalyptus.server.filter.FilterRequests.VariableValue;
import org.qalyptus.server.filter.OpenApp.ValueCheck;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.qalyptus.spi.app.AppModel.BookmarkInfo;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The items of a filter: field values, variable values and bookmarks, in order.
 *
 * <p>Items name app elements by their stable ids ({@code qlikFieldID} ...), resolved against the filter's
 * app; a filter draws from one app, set explicitly or by its first item. A request may name the element
 * by name instead ({@code fieldName} with {@code qlikAppID} ...). A field's values are checked with the
 * app: a value the field does not have is refused (400), because a selection that matches nothing would
 * make every run of a task using the filter fail; a value the app cannot vouch for either way (a
 * connector that cannot search the field) is accepted. A filter holds one item per field and per
 * variable (409 for a second one: change the existing item instead) and at most one bookmark, since
 * applying a bookmark replaces the selections made before it.
 *
 * <p>Every change needs {@code editFilter}, honours the version the client read ({@code version} or
 * {@code If-Match}, 409 when stale) and is one conditional write of the filter document.
 */
@Service
public class FilterItemService {

    static final int MAX_VALUES = 1000;
    static final int MAX_VALUE_LENGTH = 1000;
    static final int MAX_VARIABLE_VALUE_LENGTH = 10_000;
    static final int MAX_ITEMS = 200;


    private final MongoTemplate mongo;
    private final ProjectAssets assets;
    private final AppElements apps;
    private final FilterService filters;
    private final Clock clock;

    FilterItemService(MongoTemplate mongo, ProjectAssets assets, AppElements apps, FilterService filters, Clock clock) {
        this.mongo = mongo;
        this.assets = assets;
        this.apps = apps;
        this.filters = filters;
        this.clock = clock;
    }

    /** What a change names, before the filter is read. */
    private record Target(String itemId, String elementId, String appId, String elementName, Long expected) {}

    // ---- reading ----

    public List<FilterItemView> items(Caller caller, String filterId) {
        return FilterItemView.all(assets.require(caller, FilterDocument.KIND, filterId, FilterDocument.KIND.view()).asset());
    }

    /** One item by its id. @throws ApiException 404 unless it is an item of a filter the caller may see exists, 403 without viewFilter */
    public FilterItemView item(Caller caller, String itemId) {
        Query holder = new Query(Criteria.where("items.id").is(itemId));
        holder.fields().include("_id");
        FilterDocument found = mongo.findOne(holder, FilterDocument.class);
        if (found == null) {
            throw ApiException.notFound("Filter item " + itemId);
        }
        Located<FilterDocument> located;
        try {
            located = assets.require(caller, FilterDocument.KIND, found.id(), FilterDocument.KIND.view());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.notFound("Filter item " + itemId);
            }
            throw e;
        }
        FilterDocument filter = located.asset();
        int order = indexOf(filter, itemId);
        if (order < 0) {
            throw ApiException.notFound("Filter item " + itemId);
        }
        return FilterItemView.of(filter, order, null);
    }

    // ---- adding and changing ----

    public FilterItemView setField(Caller caller, String filterId, FieldValues request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        Target target = target(request.id(), request.qlikFieldID(), "qlikFieldID", request.fieldName(), "fieldName",
                request.qlikAppID(), request.version(), ifMatch, errors);
        List<String> values = values(request.filterItemFieldValues(), errors);
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> located = editable(caller, filterId, target);
        FilterDocument filter = located.asset();
        String appId = appOf(filter, target, "qlikFieldID", app -> app.field(target.elementId(), null).isPresent());
        try (OpenApp app = open(filter, appId)) {
            FieldInfo field = app.field(target.elementId(), target.elementName())
                    .orElseThrow(() -> unknown(target, "qlikFieldID", "fieldName", "field", app));
            refuseUnknownValues(app, field, values);
            String elementId = AppElementIds.field(appId, field.name());
            FilterItem item = new FilterItem(itemIdFor(target), FilterItemType.Field, elementId, field.name(), null,
                    values, null);
            return put(located, appId, item, "field '" + field.name() + "'");
        }
    }

    public FilterItemView setVariable(Caller caller, String filterId, VariableValue request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        Target target = target(request.id(), request.qlikVariableID(), "qlikVariableID", request.variableName(),
                "variableName", request.qlikAppID(), request.version(), ifMatch, errors);
        if (request.variableValue() == null) {
            errors.add(new FieldError("variableValue", "is required"));
        } else if (request.variableValue().length() > MAX_VARIABLE_VALUE_LENGTH) {
            errors.add(new FieldError("variableValue", "must be at most " + MAX_VARIABLE_VALUE_LENGTH + " characters"));
        }
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> located = editable(caller, filterId, target);
        FilterDocument filter = located.asset();
        String appId = appOf(filter, target, "qlikVariableID", app -> app.variable(target.elementId(), null).isPresent());
        try (OpenApp app = open(filter, appId)) {
            VariableInfo variable = app.variable(target.elementId(), target.elementName())
                    .orElseThrow(() -> unknown(target, "qlikVariableID", "variableName", "variable", app));
            String value = request.variableValue();
            if (value.trim().startsWith("=")) {
                app.expressionError(value.trim()).ifPresent(problem -> {
                    throw ApiException.invalid("variableValue", problem);
                });
            }
            String elementId = AppElementIds.variable(appId, variable.name());
            FilterItem item = new FilterItem(itemIdFor(target), FilterItemType.Variable, elementId, variable.name(), null,
                    List.of(), value);
            return put(located, appId, item, "variable '" + variable.name() + "'");
        }
    }

    public FilterItemView setBookmark(Caller caller, String filterId, BookmarkValue request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        Target target = target(request.id(), request.qlikBookmarkID(), "qlikBookmarkID", request.bookmarkName(),
                "bookmarkName", request.qlikAppID(), request.version(), ifMatch, errors);
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> located = editable(caller, filterId, target);
        FilterDocument filter = located.asset();
        String appId = appOf(filter, target, "qlikBookmarkID", app -> app.bookmark(target.elementId(), null).isPresent());
        try (OpenApp app = open(filter, appId)) {
            BookmarkInfo bookmark = app.bookmark(target.elementId(), target.elementName())
                    .orElseThrow(() -> unknown(target, "qlikBookmarkID", "bookmarkName", "bookmark", app));
            String elementId = AppElementIds.bookmark(appId, bookmark.id());
            FilterItem item = new FilterItem(itemIdFor(target), FilterItemType.Bookmark, elementId, bookmark.id(),
                    bookmark.name(), List.of(), null);
            return put(located, appId, item, "a bookmark");
        }
    }

    // ---- removing and ordering ----

    /** Removes items, all or none; the others close ranks. @return the removed ids */
    public List<String> delete(Caller caller, String filterId, List<UUID> itemIds, String ifMatch) {
        if (itemIds == null || itemIds.isEmpty()) {
            throw ApiException.invalid("ids", "must list at least one filter item id");
        }
        if (itemIds.contains(null)) {
            throw ApiException.invalid("ids[" + itemIds.indexOf(null) + "]", "must be a filter item id");
        }
        Long expected = Versions.expected(null, ifMatch);
        Located<FilterDocument> located = assets.require(caller, FilterDocument.KIND, filterId, FilterDocument.KIND.edit());
        FilterDocument filter = located.asset();
        Versions.check(FilterDocument.KIND, filter.version(), expected);
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(itemIds.stream().map(UUID::toString).toList()));
        for (String id : ids) {
            if (indexOf(filter, id) < 0) {
                throw ApiException.notFound("Filter item " + id);
            }
        }
        List<FilterItem> kept = filter.items().stream().filter(i -> !ids.contains(i.id())).toList();
        filters.save(filter.withItems(filter.appId(), kept, clock.instant()));
        return ids;
    }

    /** Moves one item up, down or to a position. @return the items in their new order */
    public List<FilterItemView> order(Caller caller, String filterId, OrderItem request, String ifMatch) {
        RequestChecks.body(request);
        List<FieldError> errors = new ArrayList<>();
        String itemId = RequestChecks.uuid(request.id(), "id", true, errors);
        ItemOrder.Direction direction = null;
        try {
            direction = ItemOrder.direction(request.direction());
        } catch (ApiException e) {
            errors.add(new FieldError("direction", "must be Up or Down"));
        }
        if (request.position() != null && direction != null) {
            errors.add(new FieldError("position", "cannot be given with a direction"));
        } else if (request.position() == null && direction == null && errors.stream().noneMatch(e -> e.field().equals("direction"))) {
            errors.add(new FieldError("direction", "is required (Up or Down), or give a position"));
        }
        Long expected = Versions.expected(request.version(), ifMatch);
        RequestChecks.throwIfAny(errors);
        Located<FilterDocument> located = assets.require(caller, FilterDocument.KIND, filterId, FilterDocument.KIND.edit());
        FilterDocument filter = located.asset();
        Versions.check(FilterDocument.KIND, filter.version(), expected);
        int from = indexOf(filter, itemId);
        if (from < 0) {
            throw ApiException.notFound("Filter item " + itemId);
        }
        int to = ItemOrder.target(from, filter.items().size(), direction, request.position());
        if (to == from) {
            return FilterItemView.all(filter);
        }
        FilterDocument saved = filters.save(filter.withItems(filter.appId(), ItemOrder.move(filter.items(), from, to),
                clock.instant()));
        return FilterItemView.all(saved);
    }

    // ---- internals ----

    private Target target(String itemId, String elementId, String elementField, String elementName, String nameField,
            String appId, Long bodyVersion, String ifMatch, List<FieldError> errors) {
        String item = RequestChecks.uuid(itemId, "id", false, errors);
        String element = RequestChecks.uuid(elementId, elementField, false, errors);
        String app = RequestChecks.uuid(appId, "qlikAppID", false, errors);
        String name = elementName == null || elementName.isBlank() ? null : elementName.trim();
        if (elementId == null && name == null) {
            errors.add(new FieldError(elementField, "is required"));
        }
        if (name != null && name.length() > 1000) {
            errors.add(new FieldError(nameField, "must be at most 1000 characters"));
        }
        Long expected = null;
        try {
            expected = Versions.expected(bodyVersion, ifMatch);
        } catch (ApiException e) {
            errors.add(new FieldError("If-Match", "must be the version of the object, as a number"));
        }
        return new Target(item, element, app, name, expected);
    }

    private static List<String> values(List<String> given, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("filterItemFieldValues", "must list at least one value"));
            return List.of();
        }
        if (given.size() > MAX_VALUES) {
            errors.add(new FieldError("filterItemFieldValues", "must list at most " + MAX_VALUES + " values"));
            return List.of();
        }
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i);
            if (value == null || value.isEmpty()) {
                errors.add(new FieldError("filterItemFieldValues[" + i + "]", "must not be empty"));
            } else if (value.length() > MAX_VALUE_LENGTH) {
                errors.add(new FieldError("filterItemFieldValues[" + i + "]",
                        "must be at most " + MAX_VALUE_LENGTH + " characters"));
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(given));
    }

    /** The filter, if the caller may edit it, at the version the client read, with the item to change if any. */
    private Located<FilterDocument> editable(Caller caller, String filterId, Target target) {
        Located<FilterDocument> located = assets.require(caller, FilterDocument.KIND, filterId, FilterDocument.KIND.edit());
        Versions.check(FilterDocument.KIND, located.asset().version(), target.expected());
        if (target.itemId() != null && indexOf(located.asset(), target.itemId()) < 0) {
            throw ApiException.notFound("Filter item " + target.itemId());
        }
        return located;
    }

    /**
     * The app the item belongs to: the filter's, which a request may confirm but not contradict; else the
     * request's; else the app of the organization that holds the element the request names by id.
     */
    private String appOf(FilterDocument filter, Target target, String elementField, Predicate<OpenApp> holdsElement) {
        if (filter.appId() != null) {
            if (target.appId() != null && !target.appId().equals(filter.appId())) {
                throw ApiException.invalid("qlikAppID", "must be the filter's app (" + filter.appId()
                        + "): a filter draws from one app");
            }
            return filter.appId();
        }
        if (target.appId() != null) {
            return target.appId();
        }
        if (target.elementId() == null) {
            throw ApiException.invalid("qlikAppID", "is required to name an element by name while the filter has no app");
        }
        return apps.appHolding(filter.organizationId(), holdsElement).orElseThrow(() -> ApiException.invalid(elementField,
                "is not an element of any app of the organization"));
    }

    /** The item's app; when it is the filter's own and has gone from the organization, a 409 (the filter needs fixing). */
    private OpenApp open(FilterDocument filter, String appId) {
        try {
            return apps.open(filter.organizationId(), appId, "qlikAppID");
        } catch (ApiException e) {
            if (e.status() == HttpStatus.BAD_REQUEST && appId.equals(filter.appId())) {
                throw ApiException.conflict("The filter's app " + appId + " is no longer an app of the organization");
            }
            throw e;
        }
    }

    private static ApiException unknown(Target target, String idField, String nameField, String what, OpenApp app) {
        return target.elementId() != null
                ? ApiException.invalid(idField, "is not a " + what + " of app '" + app.name() + "'")
                : ApiException.invalid(nameField, "is not a " + what + " of app '" + app.name() + "'");
    }

    private static void refuseUnknownValues(OpenApp app, FieldInfo field, List<String> values) {
        Map<String, ValueCheck> checks = app.checkValues(field, values);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (checks.get(values.get(i)) == ValueCheck.UNKNOWN) {
                errors.add(new FieldError("filterItemFieldValues[" + i + "]",
                        "is not a value of field '" + field.name() + "'"));
            }
        }
        RequestChecks.throwIfAny(errors);
    }

    private static String itemIdFor(Target target) {
        return target.itemId() != null ? target.itemId() : UUID.randomUUID().toString();
    }

    /**
     * Writes the item in place (same id) or at the end (new id), refusing a second item for the same element
     * (or a second bookmark) and an item id of another type.
     */
    private FilterItemView put(Located<FilterDocument> located, String appId, FilterItem item, String what) {
        FilterDocument filter = located.asset();
        int at = indexOf(filter, item.id());
        if (at >= 0 && filter.items().get(at).type() != item.type()) {
            throw ApiException.invalid("id", "is a " + filter.items().get(at).type() + " item; change it with its own route");
        }
        Optional<FilterItem> clash = filter.items().stream().filter(i -> !i.id().equals(item.id()))
                .filter(i -> i.type() == item.type()
                        && (item.type() == FilterItemType.Bookmark || i.elementId().equals(item.elementId())))
                .findFirst();
        if (clash.isPresent()) {
            throw ApiException.conflict("The filter already has an item for " + what + " (" + clash.get().id()
                    + "); change that item instead");
        }
        List<FilterItem> items = new ArrayList<>(filter.items());
        if (at >= 0) {
            items.set(at, item);
        } else {
            if (items.size() >= MAX_ITEMS) {
                throw ApiException.conflict("A filter holds at most " + MAX_ITEMS + " items");
            }
            items.add(item);
        }
        FilterDocument saved = filters.save(filter.withItems(appId, items, clock.instant()));
        return FilterItemView.of(saved, indexOf(saved, item.id()), saved.version());
    }

    private static int indexOf(FilterDocument filter, String itemId) {
        for (int i = 0; i < filter.items().size(); i++) {
            if (filter.items().get(i).id().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }
}
