package org.qalyptus.render;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;

/**
 * A report's dynamic file name: parts (text, a field's value, a variable, the date with a pattern) joined by
 * the report's separator, then made safe as a file name on every system. A field's value is its iteration
 * value when the document iterates over it, else its selected values (joined by {@code +}); empty parts are
 * skipped.
 */
public record DynamicName(List<Part> parts, String separator) {

    /** One part of a name. */
    public sealed interface Part permits Text, FieldValue, Variable, Date {}

    public record Text(String text) implements Part {}

    public record FieldValue(String field) implements Part {}

    public record Variable(String name) implements Part {}

    /** @param pattern a {@link DateTimeFormatter} pattern such as {@code yyyy-MM-dd} */
    public record Date(String pattern) implements Part {}

    private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5",
            "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    static final int MAX_LENGTH = 200;

    public DynamicName {
        parts = List.copyOf(parts);
        separator = separator == null ? "" : separator;
    }

    /**
     * The file name (without extension) for one document.
     *
     * @param fallback used when every part is empty (the report's name)
     */
    public String resolve(AppSession session, SelectionState state, IterationValues iteration, ZonedDateTime now,
            Locale locale, String fallback) {
        Objects.requireNonNull(now, "now");
        SelectionState effective = iteration.applyTo(state == null ? SelectionState.EMPTY : state);
        List<String> texts = new ArrayList<>();
        List<VariableInfo> variables = null;
        for (Part part : parts) {
            String text;
            if (part instanceof Text t) {
                text = t.text();
            } else if (part instanceof FieldValue f) {
                String value = iteration.values().get(f.field());
                text = value != null ? value : String.join("+", effective.fields().getOrDefault(f.field(), List.of()));
            } else if (part instanceof Variable v) {
                if (variables == null) {
                    try {
                        variables = session.variables(effective);
                    } catch (ExtensionException e) {
                        throw new RenderException("Dynamic name: " + e.getMessage(), e);
                    }
                }
                text = variables.stream().filter(x -> x.name().equals(v.name())).findFirst()
                        .map(x -> x.value() == null ? "" : x.value())
                        .orElseThrow(() -> new RenderException("Dynamic name: the app has no variable '" + v.name() + "'"));
            } else {
                Date d = (Date) part;
                try {
                    text = DateTimeFormatter.ofPattern(d.pattern(), locale == null ? Locale.ROOT : locale).format(now);
                } catch (IllegalArgumentException e) {
                    throw new RenderException("Dynamic name: '" + d.pattern() + "' is not a date pattern");
                }
            }
            if (text != null && !text.isBlank()) {
                texts.add(text.trim());
            }
        }
        String name = String.join(separator, texts);
        return safeFileName(name.isBlank() ? fallback : name);
    }

    /** Replaces characters no file system accepts, trims dots and blanks, avoids reserved names, caps the length. */
    public static String safeFileName(String name) {
        String safe = UNSAFE.matcher(name == null ? "" : name).replaceAll("_").strip();
        while (safe.endsWith(".")) {
            safe = safe.substring(0, safe.length() - 1).strip();
        }
        while (safe.startsWith(".")) {
            safe = safe.substring(1).strip();
        }
        if (safe.length() > MAX_LENGTH) {
            safe = safe.substring(0, MAX_LENGTH).strip();
        }
        if (safe.isEmpty()) {
            return "report";
        }
        String base = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        return RESERVED.contains(base.toUpperCase(Locale.ROOT)) ? "_" + safe : safe;
    }
}
