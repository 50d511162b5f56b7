package org.qalyptus.server.mail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The SMTP settings of an organization (Qalyptus OSS routes, not in the Cloud API); rules in {@link SmtpSettingsService}. */
@RestController
@RequestMapping("/api/v1/organizations/{id}/smtp-settings")
@Tag(name = "SMTP settings", description = "The SMTP server an organization's mail goes through (Qalyptus OSS)")
class SmtpSettingsController {

    private final SmtpSettingsService service;

    SmtpSettingsController(SmtpSettingsService service) {
        this.service = service;
    }

    @Operation(summary = "Get the SMTP settings of an organization (source Organization, Server or None; never the password)")
    @GetMapping
    ApiResponse<SmtpSettingsView> get(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(service.get(caller, id.toString()));
    }

    @Operation(summary = "Set the SMTP settings of an organization (a null password keeps the stored one)")
    @PutMapping
    ApiResponse<SmtpSettingsView> put(Caller caller, @PathVariable UUID id, @RequestBody SmtpSettingsRequest request) {
        return ApiResponse.ok(service.put(caller, id.toString(), request));
    }

    @Operation(summary = "Delete the SMTP settings of an organization (the server-wide ones apply again)")
    @DeleteMapping
    ApiResponse<SmtpSettingsView> delete(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(service.delete(caller, id.toString()));
    }

    @Operation(summary = "Send a test email with the organization's SMTP settings; answers the outcome and the SMTP conversation")
    @PostMapping("/test")
    ApiResponse<SmtpTest.Result> test(Caller caller, @PathVariable UUID id, @RequestBody SmtpTest.Request request) {
        return ApiResponse.ok(service.test(caller, id.toString(), request));
    }
}
