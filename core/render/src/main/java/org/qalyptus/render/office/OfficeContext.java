package org.qalyptus.render.office;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;
import org.qalyptus.spi.render.RenderOptions;

/** What filling one Office document needs: its data, the report's name, the generation time and the options. */
public record OfficeContext(ReportData data, String reportName, ZonedDateTime generatedAt, RenderOptions options) {

    /** A tag's value: its text and, for numbers, the number (placed as a number in spreadsheets). */
    public record Value(String text, Double number) {}

    /** The value of a tag that stands for one value (all kinds but {@code table} and {@code chart}). */
    public Value value(OfficeTag tag) {
        String argument = tag.argument();
        return switch (tag.kind()) {
            case "kpi" -> {
                Cell cell = data.kpi(argument, tag.options().get("column"));
                yield new Value(cell.text(), cell.number());
            }
            case "variable" -> new Value(data.variable(argument), null);
            case "selected" -> new Value(String.join(tag.option("separator", ", "), data.selected(argument)), null);
            case "formula" -> {
                EvaluatedValue value = data.formula(argument);
                yield new Value(value.text(), value.number());
            }
            case "iteration" -> new Value(argument.isEmpty()
                    ? String.join(tag.option("separator", " - "), data.iteration().list())
                    : data.iterationValue(argument).orElse(""), null);
            case "date" -> new Value(date(argument), null);
            case "report" -> new Value(reportName, null);
            case "app" -> new Value(data.appName(), null);
            default -> throw new RenderException("Tag {{" + tag.kind() + ":" + argument + "}} must stand alone in its "
                    + "cell, paragraph or shape");
        };
    }

    private String date(String pattern) {
        try {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern.isEmpty() ? "yyyy-MM-dd" : pattern,
                    options.locale() == null ? Locale.ROOT : options.locale());
            return format.format(generatedAt);
        } catch (IllegalArgumentException e) {
            throw new RenderException("Tag {{date:" + pattern + "}}: not a date pattern (" + e.getMessage() + ")");
        }
    }

    /** Replaces every value tag in {@code text}; table and chart tags are errors here. */
    public String replaceValues(String text, List<OfficeTag> tags) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (OfficeTag tag : tags) {
            out.append(text, at, tag.start()).append(value(tag).text());
            at = tag.end();
        }
        return out.append(text.substring(at)).toString();
    }
}
