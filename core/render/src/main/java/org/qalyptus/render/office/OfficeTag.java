package org.qalyptus.render.office;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.TemplateReferences;

/**
 * A tag in an Office template: {@code {{kind:argument|option=value|...}}}. Kinds: {@code table}, {@code chart},
 * {@code kpi}, {@code variable}, {@code selected}, {@code formula}, {@code iteration}, {@code date},
 * {@code report}, {@code app}. A formula's argument runs to the closing braces and takes no options.
 *
 * @param start the offset of the opening braces in the text it was found in
 * @param end the offset after the closing braces
 */
public record OfficeTag(String kind, String argument, Map<String, String> options, int start, int end) {

    static final Pattern TAG = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*(?::((?:(?!\\}\\}).){0,2000}?))?\\s*\\}\\}",
            Pattern.DOTALL);

    private static final List<String> KINDS = List.of("table", "chart", "kpi", "variable", "selected", "formula", "iteration",
            "date", "report", "app");

    public static boolean mayContain(String text) {
        return text != null && text.contains("{{");
    }

    public static List<OfficeTag> find(String text) {
        List<OfficeTag> tags = new ArrayList<>();
        if (!mayContain(text)) {
            return tags;
        }
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            String kind = m.group(1).toLowerCase(Locale.ROOT);
            if (!KINDS.contains(kind)) {
                throw new RenderException("Unknown template tag '{{" + m.group(1) + "}}': tags are " + String.join(", ", KINDS));
            }
            String raw = m.group(2) == null ? "" : m.group(2).trim();
            Map<String, String> options = new LinkedHashMap<>();
            String argument = raw;
            if (!kind.equals("formula") && raw.contains("|")) {
                String[] parts = raw.split("\\|");
                argument = parts[0].trim();
                for (int i = 1; i < parts.length; i++) {
                    String part = parts[i].trim();
                    int eq = part.indexOf('=');
                    if (eq <= 0) {
                        throw new RenderException("Tag '" + m.group() + "': options are name=value");
                    }
                    options.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
                }
            }
            tags.add(new OfficeTag(kind, argument, options, m.start(), m.end()));
        }
        return tags;
    }

    /** Whether {@code text} is this one tag and nothing else (blanks aside). */
    public boolean isWhole(String text) {
        return text.substring(0, start).isBlank() && text.substring(end).isBlank();
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public int intOption(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RenderException("Tag {{" + kind + ":" + argument + "}}: option " + name + " must be a whole number");
        }
    }

    public boolean boolOption(String name, boolean fallback) {
        String value = options.get(name);
        return value == null ? fallback : value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes") || value.equals("1");
    }

    /** Column ids or names from {@code columns=a;b;c}. */
    public List<String> columns() {
        String value = options.get("columns");
        List<String> columns = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[;,]")) {
                if (!part.isBlank()) {
                    columns.add(part.trim());
                }
            }
        }
        return columns;
    }

    void reference(TemplateReferences.Builder references) {
        switch (kind) {
            case "table", "chart", "kpi" -> references.object(argument);
            case "variable" -> references.variable(argument);
            case "selected" -> references.field(argument);
            case "iteration" -> {
                if (!argument.isEmpty()) {
                    references.field(argument);
                }
            }
            case "formula" -> references.formula(argument);
            default -> { }
        }
    }
}
