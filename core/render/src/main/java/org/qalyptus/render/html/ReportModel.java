package org.qalyptus.render.html;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.SimpleDate;
import freemarker.template.SimpleHash;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import freemarker.template.utility.DeepUnwrap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.render.data.GeneratedAssets;
import org.qalyptus.render.data.ReportData;
import org.qalyptus.spi.app.AppModel.Cell;
import org.qalyptus.spi.app.AppModel.EvaluatedValue;

/**
 * The data model of an HTML report template: the vocabulary documented in docs/report-templates.md. Every
 * entry is a value or a function of this class (no Java object is ever exposed); functions read the app
 * through {@link ReportData} under the document's selection state. One per document.
 */
public final class ReportModel implements TemplateHashModel {

    static final String ITERATION = "iteration";

    private static final Pattern CSS_LENGTH = Pattern.compile("\\d{1,4}(\\.\\d{1,3})?(mm|cm|in|pt|px)");
    private static final Pattern PAGE_SIZE = Pattern.compile(
            "(?i)(A3|A4|A5|B5|letter|legal)( (portrait|landscape))?|\\d{1,4}(\\.\\d{1,3})?(mm|cm|in) \\d{1,4}(\\.\\d{1,3})?(mm|cm|in)");
    private static final Pattern CSS_CLASS = Pattern.compile("[A-Za-z0-9_ -]{0,100}");

    /** Wraps plain values only: a map or list built here can never expose a Java object. */
    static final freemarker.template.ObjectWrapper WRAPPER =
            new freemarker.template.SimpleObjectWrapper(freemarker.template.Configuration.VERSION_2_3_34);

    private final ReportData data;
    private final int imageQuality;
    private final DeferredTables tables;
    private final Map<String, TemplateModel> entries = new LinkedHashMap<>();

    public ReportModel(ReportData data, String reportId, String reportName, Instant generatedAt, int imageQuality) {
        this(data, reportId, reportName, generatedAt, imageQuality, null);
    }

    /**
     * @param tables where {@code table(...)} keeps its tables until the filled document is built (the template output
     *     then has a placeholder per table, see {@link DeferredTables}); null to write their markup in the output
     */
    public ReportModel(ReportData data, String reportId, String reportName, Instant generatedAt, int imageQuality,
            DeferredTables tables) {
        this.data = data;
        this.imageQuality = imageQuality;
        this.tables = tables;
        entries.put("table", (TemplateMethodModelEx) this::table);
        entries.put("chart", (TemplateMethodModelEx) this::chart);
        entries.put("chartUri", (TemplateMethodModelEx) this::chartUri);
        entries.put("kpi", (TemplateMethodModelEx) args -> new SimpleScalar(kpiCell(args, "kpi").text()));
        entries.put("kpiNumber", (TemplateMethodModelEx) args -> number(kpiCell(args, "kpiNumber").number()));
        entries.put("variable", (TemplateMethodModelEx) args -> new SimpleScalar(data.variable(string(args, 0, "variable"))));
        entries.put("selected", (TemplateMethodModelEx) args -> sequence(data.selected(string(args, 0, "selected"))));
        entries.put("formula", (TemplateMethodModelEx) args -> new SimpleScalar(formula(args, "formula").text()));
        entries.put("formulaNumber", (TemplateMethodModelEx) args -> number(formula(args, "formulaNumber").number()));
        entries.put(ITERATION, new SimpleHash(new LinkedHashMap<>(data.iteration().values()), WRAPPER));
        entries.put("iterationValues", sequence(data.iteration().list()));
        entries.put("generatedAt", new SimpleDate(Date.from(generatedAt), TemplateDateModel.DATETIME));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("id", reportId);
        report.put("name", reportName);
        entries.put("report", new SimpleHash(report, WRAPPER));
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("name", data.appName());
        entries.put("app", new SimpleHash(app, WRAPPER));
        entries.put("pageNumber", (TemplateMethodModelEx) args -> markup("<span class=\"q-page-number\"></span>"));
        entries.put("pageCount", (TemplateMethodModelEx) args -> markup("<span class=\"q-page-count\"></span>"));
        entries.put("pageBreak", (TemplateMethodModelEx) args -> markup("<div class=\"q-page-break\"></div>"));
        entries.put("pageSetup", (TemplateMethodModelEx) this::pageSetup);
    }

    /** Records the references a call of a vocabulary function makes, from its literal arguments. */
    static void reference(String function, List<String> literals, TemplateReferences.Builder references) {
        String first = literals.isEmpty() ? null : literals.get(0);
        switch (function) {
            case "table", "chart", "chartUri", "kpi", "kpiNumber" -> references.object(first);
            case "variable" -> references.variable(first);
            case "selected" -> references.field(first);
            case "formula", "formulaNumber" -> references.formula(first);
            default -> { }
        }
    }

    @Override
    public TemplateModel get(String key) {
        return entries.get(key);
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    private Object table(List<?> args) throws TemplateModelException {
        String id = string(args, 0, "table");
        Map<String, Object> options = options(args, 1, "table");
        HtmlTables.Table table = new HtmlTables.Table(data.object(id), data.objectData(id), HtmlTables.Options.from(options, id));
        if (tables != null) {
            return markup(tables.add(table));
        }
        StringBuilder html = new StringBuilder(4096);
        table.write(new HtmlTables.MarkupSink(html));
        return markup(html.toString());
    }

    private GeneratedAssets.Image drawChart(List<?> args, String function) throws TemplateModelException {
        String id = string(args, 0, function);
        Map<String, Object> options = options(args, 1, function);
        int width = integer(options, "width", 600);
        int height = integer(options, "height", 300);
        int scale = integer(options, "scale", 1);
        if (scale < 1 || scale > 3) {
            throw new RenderException(function + "(): scale is 1, 2 or 3");
        }
        String format = options.containsKey("format") ? String.valueOf(options.get("format")) : "png";
        return data.chart(id, width * scale, height * scale, format, imageQuality);
    }

    private Object chart(List<?> args) throws TemplateModelException {
        GeneratedAssets.Image image = drawChart(args, "chart");
        Map<String, Object> options = options(args, 1, "chart");
        int width = integer(options, "width", 600);
        int height = integer(options, "height", 300);
        String cssClass = cssClass(options.get("class"));
        String alt = options.containsKey("alt") ? String.valueOf(options.get("alt")) : data.object(string(args, 0, "chart")).title();
        return markup("<img class=\"q-chart" + (cssClass.isEmpty() ? "" : " " + cssClass) + "\" src=\"" + image.reference()
                + "\" style=\"width: " + width + "px; height: " + height + "px\" alt=\"" + HtmlTables.escape(alt) + "\"/>");
    }

    private Object chartUri(List<?> args) throws TemplateModelException {
        return new SimpleScalar(drawChart(args, "chartUri").reference());
    }

    private Cell kpiCell(List<?> args, String function) throws TemplateModelException {
        String id = string(args, 0, function);
        String column = args.size() > 1 ? string(args, 1, function) : null;
        return data.kpi(id, column);
    }

    private EvaluatedValue formula(List<?> args, String function) throws TemplateModelException {
        return data.formula(string(args, 0, function));
    }

    private Object pageSetup(List<?> args) throws TemplateModelException {
        String size = string(args, 0, "pageSetup").trim();
        if (!PAGE_SIZE.matcher(size).matches()) {
            throw new RenderException("pageSetup(): the size is A3, A4, A5, B5, letter or legal, optionally followed by "
                    + "portrait or landscape, or a width and height such as '210mm 297mm'");
        }
        StringBuilder css = new StringBuilder("@page { size: ").append(size.toLowerCase(Locale.ROOT)).append(';');
        if (args.size() > 1) {
            String margin = string(args, 1, "pageSetup").trim();
            for (String part : margin.split("\\s+")) {
                if (!CSS_LENGTH.matcher(part).matches()) {
                    throw new RenderException("pageSetup(): margins are one to four lengths such as '15mm' or '1in 2cm'");
                }
            }
            if (margin.split("\\s+").length > 4) {
                throw new RenderException("pageSetup(): margins are one to four lengths");
            }
            css.append(" margin: ").append(margin).append(';');
        }
        return markup("<style>" + css.append(" }") + "</style>");
    }

    static TemplateHTMLOutputModel markup(String html) throws TemplateModelException {
        return HTMLOutputFormat.INSTANCE.fromMarkup(html);
    }

    private static TemplateModel number(Double value) {
        return value == null ? null : new SimpleNumber(value);
    }

    private static TemplateSequenceModel sequence(List<String> values) {
        SimpleSequence sequence = new SimpleSequence(values.size(), WRAPPER);
        values.forEach(sequence::add);
        return sequence;
    }

    static String string(List<?> args, int index, String function) throws TemplateModelException {
        if (args.size() <= index || args.get(index) == null) {
            throw new RenderException(function + "() needs " + (index == 0 ? "an argument" : "argument " + (index + 1)));
        }
        Object arg = args.get(index);
        if (arg instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (arg instanceof TemplateNumberModel n) {
            return String.valueOf(n.getAsNumber());
        }
        throw new RenderException(function + "(): argument " + (index + 1) + " must be a text");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> options(List<?> args, int index, String function) throws TemplateModelException {
        if (args.size() <= index) {
            return Map.of();
        }
        Object unwrapped = DeepUnwrap.unwrap((TemplateModel) args.get(index));
        if (!(unwrapped instanceof Map<?, ?> map)) {
            throw new RenderException(function + "(): argument " + (index + 1) + " must be a hash of options, such as "
                    + "{\"width\": 400}");
        }
        return (Map<String, Object>) map;
    }

    static int integer(Map<String, Object> options, String key, int fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new RenderException("Option '" + key + "' must be a whole number");
        }
    }

    static boolean bool(Map<String, Object> options, String key, boolean fallback) {
        Object value = options.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof TemplateBooleanModel) {
            return fallback;
        }
        return Boolean.parseBoolean(value.toString().trim());
    }

    static String cssClass(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!CSS_CLASS.matcher(text).matches()) {
            throw new RenderException("Option 'class' takes letters, digits, '-', '_' and spaces");
        }
        return text.trim();
    }

    static List<String> strings(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(v -> list.add(String.valueOf(v)));
        } else if (value != null) {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    list.add(part.trim());
                }
            }
        }
        return list;
    }
}
