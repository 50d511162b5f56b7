package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.filter.FieldValueService;
import org.qalyptus.server.filter.FieldValueService.Source;
import org.qalyptus.server.filter.FieldValueService.Value;
import org.qalyptus.server.filter.FieldValueService.ValuePage;
import org.qalyptus.server.graphql.Connections.Connection;
import org.qalyptus.server.graphql.Connections.Page;
import org.qalyptus.server.web.ApiException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The field values the console's pickers list ({@link FieldValueService}); cursors carry the offset. */
@Controller
class AppFieldValuesGraphql {

    private final FieldValueService values;

    AppFieldValuesGraphql(FieldValueService values) {
        this.values = values;
    }

    /** A page of values with the app and field it was read from. */
    record FieldValueConnection(List<Connections.Edge<Value>> edges, List<Value> nodes, Connections.PageInfo pageInfo,
            int totalCount, String appId, String fieldId, String fieldName) {}

    @QueryMapping
    FieldValueConnection appFieldValues(@ContextValue Caller caller, @Argument String reportId, @Argument String organizationId,
            @Argument String appId, @Argument String field, @Argument String search, DataFetchingEnvironment env) {
        Page page = ContentGraphqlController.page(env).checked();
        Source source = new Source(reportId == null ? null : GlobalId.plain(reportId, "Report"),
                organizationId == null ? null : GlobalId.plain(organizationId, "Organization"), appId, field);
        List<ValuePage> read = new ArrayList<>();
        Connection<Value> connection = OffsetPages.window(page, (skip, limit) -> {
            if (skip > Integer.MAX_VALUE) {
                throw ApiException.invalid("after", "is not a cursor of this list");
            }
            ValuePage answer = values.values(caller, source, search, (int) skip, limit);
            read.add(answer);
            return new OffsetPages.Slice<>(answer.values(), answer.total());
        });
        ValuePage last = read.get(read.size() - 1);
        return new FieldValueConnection(connection.edges(), connection.nodes(), connection.pageInfo(), connection.totalCount(),
                last.appId(), last.fieldId(), last.fieldName());
    }
}
