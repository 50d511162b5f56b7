package org.qalyptus.server.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit log")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    record AuditEntryView(String id, Instant createdDate, String organizationID, String action, String outcome,
            String errorCode, String message, String userID, String email, String identityProviderID,
            String clientAddress) {
        static AuditEntryView of(AuditEntryDocument e) {
            return new AuditEntryView(e.id(), e.createdAt(), e.organizationId(), e.action(), e.outcome(), e.errorCode(),
                    e.message(), e.userId(), e.email(), e.identityProviderId(), e.clientAddress());
        }
    }

    record AuditPage(List<AuditEntryView> entries, int page, int pageSize, long total) {}

    @Operation(summary = "List audit log entries, newest first (administrators: their organizations' entries)")
    @GetMapping("/api/v1/audit-log")
    ApiResponse<AuditPage> list(Caller caller, @RequestParam(required = false) UUID organizationId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int pageSize) {
        AuditService.Page found = audit.list(caller, organizationId == null ? null : organizationId.toString(), page, pageSize);
        return ApiResponse.ok(new AuditPage(found.entries().stream().map(AuditEntryView::of).toList(), found.page(),
                found.pageSize(), found.total()));
    }
}
