package org.qalyptus.server.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The hub (our design; the Cloud API has no hub routes): the files tasks published, newest first, for the
 * people who receive the task (and may see the file) or may view the task; each task report keeps its last N
 * runs.
 */
@RestController
@RequestMapping("/api/v1/hub")
@Tag(name = "Hub")
class HubController {

    private final HubService hub;

    HubController(HubService hub) {
        this.hub = hub;
    }

    @Operation(summary = "List hub files", description = "The files published on the hub that the caller may see, newest first; "
            + "taskId narrows to one task.")
    @GetMapping("/files")
    ApiResponse<List<ExecutionViews.HubFile>> files(Caller caller, @RequestParam(required = false) UUID taskId) {
        return ApiResponse.ok(hub.files(caller, taskId == null ? null : taskId.toString()));
    }

    @Operation(summary = "Download a hub file")
    @GetMapping("/files/{id}/download")
    ResponseEntity<StreamingResponseBody> download(Caller caller, @PathVariable UUID id) {
        return StatusController.body(hub.download(caller, id.toString()));
    }
}
