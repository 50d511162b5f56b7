package org.qalyptus.server.execution;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signing secret of an organization's app reload events (our design); organization administrators only. */
@RestController
@RequestMapping("/api/v1/events/signing-secrets/{organizationId}")
@Tag(name = "Events")
class EventSecretController {

    private final EventSigning signing;

    EventSecretController(EventSigning signing) {
        this.signing = signing;
    }

    @Operation(summary = "Whether the organization's events must be signed", description = "Never returns the secret.")
    @GetMapping
    ApiResponse<EventSigning.SecretView> get(Caller caller, @PathVariable String organizationId) {
        return ApiResponse.ok(signing.status(caller, organizationId));
    }

    @Operation(summary = "Make a new signing secret", description = "Returns the secret once; it replaces any previous one. "
            + "From now on app reload events run the organization's tasks only when signed: X-Qalyptus-Signature: "
            + "sha256=<hex HMAC-SHA256 of the raw body>, or Qlik-Signature as Qlik Cloud webhooks send it.")
    @PostMapping
    ApiResponse<EventSigning.SecretView> rotate(Caller caller, @PathVariable String organizationId) {
        return ApiResponse.ok(signing.rotate(caller, organizationId));
    }

    @Operation(summary = "Remove the signing secret", description = "Unsigned events are accepted again.")
    @DeleteMapping
    ApiResponse<EventSigning.SecretView> delete(Caller caller, @PathVariable String organizationId) {
        signing.remove(caller, organizationId);
        return ApiResponse.ok(signing.status(caller, organizationId));
    }
}
