package org.qalyptus.server.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.organization.OrganizationAccess;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * App reload events pushed by a data platform (our design): a generic body {@code {appId, status,
 * reloadTime}} or a Qlik Cloud webhook body ({@code eventType} such as {@code com.qlik.v1.app.reload.finished},
 * the app in {@code data.id} or {@code data.appId}, its status in {@code data.status}). Tasks of the caller's
 * organizations with a matching external event run once per reload. Organizations with a signing secret
 * ({@link EventSigning}) take part only when the raw body is signed with it.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events")
class AppEventController {

    private static final Set<String> SUCCESS = Set.of("", "success", "succeeded", "ok", "completed", "finished");

    private final AppEvents events;
    private final OrganizationAccess access;
    private final EventSigning signing;
    private final JsonMapper json;

    AppEventController(AppEvents events, OrganizationAccess access, EventSigning signing, JsonMapper json) {
        this.events = events;
        this.access = access;
        this.signing = signing;
        this.json = json;
    }

    /** What the route answers: whether the event ran tasks, and which executions it queued. */
    record Accepted(String appId, boolean succeeded, Instant reloadTime, List<String> executionIds) {}

    @Operation(summary = "Report an app reload", description = "Runs the tasks whose external event is on this app "
            + "(AppReloadSucceeded) when the reload succeeded; a reload reported again runs nothing twice. Organizations "
            + "with a signing secret need X-Qalyptus-Signature: sha256=<hex HMAC-SHA256 of the raw body> (or Qlik-Signature, "
            + "as Qlik Cloud webhooks send it); a wrong signature, or a missing one when every organization requires it, is 401.")
    @PostMapping("/app-reload")
    ApiResponse<Accepted> appReload(Caller caller, @RequestBody(required = false) byte[] raw,
            @RequestHeader(value = EventSigning.HEADER, required = false) String signature,
            @RequestHeader(value = EventSigning.QLIK_HEADER, required = false) String qlikSignature) {
        // the signature covers the bytes as sent, so the body is read raw, checked, then parsed
        java.util.Set<String> organizations = signing.allowedOrganizations(access.visibleOrganizationIds(caller),
                raw == null ? new byte[0] : raw, signature, qlikSignature);
        JsonNode body;
        try {
            body = raw == null || raw.length == 0 ? null : json.readTree(raw);
        } catch (JacksonException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object: {appId, status, reloadTime} or a Qlik Cloud event");
        }
        JsonNode data = body.path("data");
        String eventType = text(body.path("eventType"));
        String appId = first(text(body.path("appId")), text(data.path("appId")), text(data.path("id")));
        String status = first(text(body.path("status")), text(data.path("status")), "");
        String time = first(text(body.path("reloadTime")), text(data.path("endTime")), text(body.path("eventTime")),
                text(body.path("time")));
        if (appId == null || appId.isBlank() || appId.length() > 200) {
            throw ApiException.invalid("appId", "is required (appId, or data.id / data.appId of a Qlik Cloud event)");
        }
        if (eventType != null && !eventType.startsWith("com.qlik.v1.app.reload")) {
            throw ApiException.invalid("eventType", "must be an app reload event (com.qlik.v1.app.reload.finished)");
        }
        Instant reloadTime;
        try {
            reloadTime = time == null || time.isBlank() ? Instant.now() : Instant.parse(time.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("reloadTime", "must be an ISO-8601 instant");
        }
        boolean succeeded = SUCCESS.contains(status.trim().toLowerCase(Locale.ROOT));
        List<String> queued = succeeded ? events.reloaded(organizations, appId.trim(), reloadTime) : List.of();
        return ApiResponse.ok(new Accepted(appId.trim(), succeeded, reloadTime, queued));
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
