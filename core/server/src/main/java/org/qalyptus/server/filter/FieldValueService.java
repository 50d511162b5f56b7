package org.qalyptus.server.filter;

import java.util.List;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.ReadableApps.AppRef;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.app.AppModel.FieldInfo;
import org.qalyptus.spi.app.AppModel.FieldValue;
import org.qalyptus.spi.app.AppModel.FieldValuePage;
import org.springframework.stereotype.Service;

/**
 * The values of an app's field, a page at a time, for the pickers of filters, conditions and iteration fields. The app
 * is opened as {@link ReadableApps} allows. Only reads; the app's data is never changed.
 */
@Service
public class FieldValueService {

    /** The most values one page may hold. */
    public static final int MAX_PAGE = 100;

    private final ReadableApps readable;

    FieldValueService(ReadableApps readable) {
        this.readable = readable;
    }

    /** Where the values are read: an organization's app and one of its fields (a name or the field's stable id). */
    public record Source(String reportId, String organizationId, String appId, String field) {}

    /**
     * A field's value: its text and, for numbers, the number (null for text values).
     */
    public record Value(String text, Double number) {}

    /** A page of values and how many match the search in all pages. */
    public record ValuePage(String appId, String fieldId, String fieldName, List<Value> values, long total) {}

    /**
     * One page of values.
     *
     * @throws ApiException 404 for a report or organization the caller may not see (403 without viewReport on a visible
     *     report), 400 naming {@code appId} or {@code field} when the app or field does not exist, 502 when the app
     *     cannot be read
     */
    public ValuePage values(Caller caller, Source source, String search, int offset, int limit) {
        if (source.field() == null || source.field().isBlank()) {
            throw ApiException.invalid("field", "is required");
        }
        if (offset < 0) {
            throw ApiException.invalid("after", "is not a cursor of this list");
        }
        if (limit < 0 || limit > MAX_PAGE) {
            throw ApiException.invalid("first", "must be between 1 and " + MAX_PAGE);
        }
        try (OpenApp app = readable.open(caller, new AppRef(source.reportId(), source.organizationId(), source.appId()))) {
            String wanted = source.field();
            FieldInfo field = app.field(wanted, null).or(() -> app.field(null, wanted))
                    .orElseThrow(() -> ApiException.invalid("field", "is not a field of the app"));
            FieldValuePage page = app.values(field, search == null || search.isBlank() ? null : search.trim(), offset, limit);
            List<Value> values = page.values().stream().map(FieldValueService::value).toList();
            return new ValuePage(app.id(), AppElementIds.field(app.id(), field.name()), field.name(), values, page.total());
        }
    }

    private static Value value(FieldValue value) {
        return new Value(value.text(), value.number());
    }
}
