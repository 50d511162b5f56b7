package org.qalyptus.server.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code Tasks > Run} and {@code Reports > Generate an on-demand report}: both queue an execution and answer at once. */
@RestController
class RunRoutesController {

    private final ExecutionService executions;

    RunRoutesController(ExecutionService executions) {
        this.executions = executions;
    }

    @Tag(name = "Tasks")
    @Operation(summary = "Run", description = "Queues a run of the task (needs runTask) and answers its status at once.")
    @PostMapping("/api/v1/tasks/{id}/run")
    ApiResponse<ExecutionViews.Execution> run(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(executions.runTask(caller, id.toString()));
    }

    @Tag(name = "Reports")
    @Operation(summary = "Generate an on-demand report", description = "Queues the request (needs runReport) and answers "
            + "at once with its id; download the file from the Status routes once it completed.")
    @PostMapping("/api/v1/reports/{id}/generate/{outputFormat}")
    ApiResponse<ExecutionViews.Execution> generate(Caller caller, @PathVariable UUID id, @PathVariable String outputFormat,
            @RequestBody(required = false) ExecutionService.GenerateRequest request) {
        return ApiResponse.ok(executions.generate(caller, id.toString(), outputFormat, request));
    }
}
