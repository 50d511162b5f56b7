package org.qalyptus.server.license;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Licenses")
class LicenseController {

    private final LicenseService licenses;

    LicenseController(LicenseService licenses) {
        this.licenses = licenses;
    }

    @Operation(summary = "Get licenses: seats used per license level (tenant-wide for tenant administrators, "
            + "per administered organization otherwise); seats are unlimited")
    @GetMapping("/api/v1/licenses")
    ApiResponse<LicenseService.LicenseInfo> get(Caller caller) {
        return ApiResponse.ok(licenses.info(caller));
    }
}
