package org.qalyptus.server.graphql;

import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.execution.ExecutionService;
import org.qalyptus.server.execution.ExecutionViews;
import org.qalyptus.server.execution.LogChunk;
import org.qalyptus.server.graphql.Connections.Connection;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * What a run leaves: its logs as pages of lines, and its file as a signed link (files never travel through
 * GraphQL). The same service calls as the Status routes.
 */
@Controller
class ExecutionFilesGraphql {

    /** One line of a log, numbered from 1. */
    record LogLine(int number, String text) {}

    private final ExecutionService executions;

    ExecutionFilesGraphql(ExecutionService executions) {
        this.executions = executions;
    }

    @SchemaMapping(typeName = "Execution", field = "log")
    Connection<LogLine> log(@ContextValue Caller caller, ExecutionViews.Execution execution, DataFetchingEnvironment env) {
        return lines(executions.log(caller, null, execution.id(), LogChunk.LOG), env);
    }

    @SchemaMapping(typeName = "Execution", field = "smtpLog")
    Connection<LogLine> smtpLog(@ContextValue Caller caller, ExecutionViews.Execution execution,
            DataFetchingEnvironment env) {
        return lines(executions.log(caller, null, execution.id(), LogChunk.SMTP), env);
    }

    @SchemaMapping(typeName = "Execution", field = "downloadLink")
    ExecutionViews.DownloadLink downloadLink(@ContextValue Caller caller, ExecutionViews.Execution execution,
            @Argument String version, @ContextValue(name = CallerContextInterceptor.BASE_URL) String baseUrl) {
        return executions.link(caller, execution.id(), version, baseUrl);
    }

    private static Connection<LogLine> lines(String text, DataFetchingEnvironment env) {
        List<LogLine> lines = new ArrayList<>();
        if (!text.isEmpty()) {
            String[] split = text.split("\n", -1);
            int count = text.endsWith("\n") ? split.length - 1 : split.length;
            for (int i = 0; i < count; i++) {
                lines.add(new LogLine(i + 1, split[i]));
            }
        }
        return Connections.of(lines, line -> Integer.toString(line.number()), ContentGraphqlController.page(env));
    }
}
