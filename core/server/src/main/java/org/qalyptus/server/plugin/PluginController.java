package org.qalyptus.server.plugin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Plugins")
class PluginController {

    private final PluginHost host;

    PluginController(PluginHost host) {
        this.host = host;
    }

    @Operation(summary = "List plugins with their state, the reason they are not started, and their extensions")
    @GetMapping("/api/v1/plugins")
    ApiResponse<List<PluginInfo>> plugins(Caller caller) {
        return ApiResponse.ok(host.plugins());
    }
}
