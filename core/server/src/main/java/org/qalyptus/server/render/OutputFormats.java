package org.qalyptus.server.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.qalyptus.render.BuiltInFormats;
import org.qalyptus.server.plugin.PluginHost;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.render.TemplateKind;
import org.springframework.stereotype.Component;

/**
 * The output formats the server can write: the built-in ones ({@code Pdf, Html, Png, Jpeg, Xlsx, Csv,
 * Docx, Pptx}) and those plugins add. A plugin cannot replace a built-in format: the built-in one wins,
 * so a plugin cannot take over PDF rendering unnoticed.
 */
@Component
public class OutputFormats {

    private final PluginHost plugins;

    OutputFormats(PluginHost plugins) {
        this.plugins = plugins;
    }

    /** Every format, built-in first, then plugin formats by type id. */
    public List<OutputFormat> all() {
        Map<String, OutputFormat> byId = new LinkedHashMap<>();
        BuiltInFormats.all().forEach(f -> byId.put(key(f.typeId()), f));
        List<OutputFormat> added = new ArrayList<>(plugins.extensions(OutputFormat.class));
        added.sort(Comparator.comparing(OutputFormat::typeId));
        added.forEach(f -> byId.putIfAbsent(key(f.typeId()), f));
        return List.copyOf(byId.values());
    }

    /** The format with this type id, compared ignoring case. */
    public Optional<OutputFormat> byTypeId(String typeId) {
        if (typeId == null) {
            return Optional.empty();
        }
        return all().stream().filter(f -> f.typeId().equalsIgnoreCase(typeId.trim())).findFirst();
    }

    /** The formats a template kind can be rendered to, in {@link #all()} order. */
    public List<OutputFormat> forKind(TemplateKind kind) {
        return all().stream().filter(f -> f.templateKinds().contains(kind)).toList();
    }

    private static String key(String typeId) {
        return typeId.toLowerCase(Locale.ROOT);
    }
}
