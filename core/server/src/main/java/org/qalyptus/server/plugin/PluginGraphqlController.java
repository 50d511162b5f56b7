package org.qalyptus.server.plugin;

import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.spi.config.ConfigField;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class PluginGraphqlController {

    private final PluginHost host;

    PluginGraphqlController(PluginHost host) {
        this.host = host;
    }

    record Extension(String point, String typeId, String displayName, List<ConfigField> configFields) {}

    @QueryMapping
    List<PluginInfo> plugins(@ContextValue Caller caller) {
        return host.plugins();
    }

    @SchemaMapping(typeName = "Plugin", field = "extensions")
    List<Extension> extensions(PluginInfo plugin) {
        return plugin.extensions().entrySet().stream()
                .flatMap(point -> point.getValue().stream()
                        .map(e -> new Extension(point.getKey(), e.typeId(), e.displayName(), e.configFields())))
                .toList();
    }
}
