package org.qalyptus.server.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The Status routes: executions of tasks ("scheduled task status") and on-demand requests, their logs and
 * files, and running, stopping and deleting them. Lists are newest first, paged ({@code page} from 1,
 * {@code pageSize} up to 500, the total in {@code X-Total-Count} is not computed: ask for the next page), and
 * filterable by task or report, status and creation date.
 */
@RestController
@RequestMapping("/api/v1/status")
@Tag(name = "Status")
class StatusController {

    private final ExecutionService executions;

    StatusController(ExecutionService executions) {
        this.executions = executions;
    }

    @Operation(summary = "Get scheduled task status list")
    @GetMapping("/tasks")
    ApiResponse<List<ExecutionViews.Execution>> tasks(Caller caller, @RequestParam(required = false) UUID taskId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "50") int pageSize) {
        return ApiResponse.ok(executions.list(caller, ExecutionDocument.TASK, taskId == null ? null : taskId.toString(), status,
                instant(from, "from"), instant(to, "to"), page, pageSize));
    }

    @Operation(summary = "Get scheduled task status", description = "The id is an execution id, or a task id for its latest run.")
    @GetMapping("/tasks/{id}")
    ApiResponse<ExecutionViews.Execution> task(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(executions.get(caller, ExecutionDocument.TASK, id.toString()));
    }

    @Operation(summary = "Get on-demand requests status")
    @GetMapping("/requests")
    ApiResponse<List<ExecutionViews.Execution>> requests(Caller caller, @RequestParam(required = false) UUID reportId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "50") int pageSize) {
        return ApiResponse.ok(executions.list(caller, ExecutionDocument.ON_DEMAND, reportId == null ? null : reportId.toString(),
                status, instant(from, "from"), instant(to, "to"), page, pageSize));
    }

    @Operation(summary = "Get on-demand request status")
    @GetMapping("/requests/{id}")
    ApiResponse<ExecutionViews.Execution> request(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(executions.get(caller, ExecutionDocument.ON_DEMAND, id.toString()));
    }

    @Operation(summary = "Runs a specified task or report", description = "A task id or a task execution id queues a new "
            + "run of the task; an on-demand request id queues the request again.")
    @PostMapping("/{id}/run")
    ApiResponse<ExecutionViews.Execution> run(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(executions.run(caller, id.toString()));
    }

    @Operation(summary = "Stop the execution of a specified task or request")
    @PostMapping("/{id}/stop")
    ApiResponse<ExecutionViews.Execution> stop(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(executions.stop(caller, id.toString()));
    }

    @Operation(summary = "Download the scheduled task log file")
    @GetMapping(value = "/tasks/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> taskLog(Caller caller, @PathVariable UUID id) {
        return text(executions.log(caller, ExecutionDocument.TASK, id.toString(), LogChunk.LOG), id, "log");
    }

    @Operation(summary = "Download the scheduled task SMTP log file")
    @GetMapping(value = "/tasks/{id}/smtp-log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> taskSmtpLog(Caller caller, @PathVariable UUID id) {
        return text(executions.log(caller, ExecutionDocument.TASK, id.toString(), LogChunk.SMTP), id, "smtp-log");
    }

    @Operation(summary = "Download the on-demand request log")
    @GetMapping(value = "/requests/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> requestLog(Caller caller, @PathVariable UUID id) {
        return text(executions.log(caller, ExecutionDocument.ON_DEMAND, id.toString(), LogChunk.LOG), id, "log");
    }

    @Operation(summary = "Download on-demand request SMTP log file")
    @GetMapping(value = "/requests/{id}/smtp-log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> requestSmtpLog(Caller caller, @PathVariable UUID id) {
        return text(executions.log(caller, ExecutionDocument.ON_DEMAND, id.toString(), LogChunk.SMTP), id, "smtp-log");
    }

    @Operation(summary = "Delete request", description = "Stops a queued or running execution first, then removes it with "
            + "its files, logs and deliveries.")
    @DeleteMapping("/{id}")
    ApiResponse<String> delete(Caller caller, @PathVariable UUID id) {
        executions.delete(caller, id.toString());
        return ApiResponse.ok(id.toString());
    }

    @Operation(summary = "Download report", description = "A signed link, valid 15 minutes, that downloads the file (a zip "
            + "when the run produced several) without a credential. version: an older run of the same task or report.")
    @GetMapping("/{id}/download")
    ApiResponse<ExecutionViews.DownloadLink> download(Caller caller, @PathVariable UUID id,
            @RequestParam(required = false) String version, HttpServletRequest request) {
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        return ApiResponse.ok(executions.link(caller, id.toString(), version, base));
    }

    @Operation(summary = "Download report as a stream")
    @GetMapping("/{id}/download/stream")
    ResponseEntity<StreamingResponseBody> stream(Caller caller, @PathVariable UUID id,
            @RequestParam(required = false) String version) {
        return body(executions.stream(caller, id.toString(), version));
    }

    @Operation(summary = "Download through a signed link", description = "Needs no credential: the link's signature and "
            + "expiry are checked (401 when invalid or expired).")
    @GetMapping("/{id}/download/signed")
    ResponseEntity<StreamingResponseBody> signed(@PathVariable UUID id, @RequestParam(required = false) String version,
            @RequestParam(required = false) String expires, @RequestParam(required = false) String signature) {
        return body(executions.signed(id.toString(), version, expires, signature));
    }

    static ResponseEntity<StreamingResponseBody> body(ExecutionService.Download download) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(download.fileName(), StandardCharsets.UTF_8).build().toString());
        if (download.size() != null) {
            answer.contentLength(download.size());
        }
        return answer.body(out -> download.writer().writeTo(out));
    }

    private static ResponseEntity<String> text(String text, UUID id, String what) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(id + "-" + what + ".txt").build()
                        .toString())
                .body(text);
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(value.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.invalid(field, "must be an ISO-8601 instant (2025-01-31T08:00:00Z) or date (2025-01-31)");
            }
        }
    }
}
