package org.qalyptus.render.html;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.QalyptusTemplateInspector;
import freemarker.core.QalyptusTemplateInspector.Kind;
import freemarker.core.QalyptusTemplateInspector.Use;
import freemarker.core.TemplateClassResolver;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.qalyptus.render.RenderException;
import org.qalyptus.render.RenderLimits;
import org.qalyptus.render.ReportTemplate;
import org.qalyptus.render.TemplateReferences;
import org.qalyptus.render.data.Deadline;
import org.qalyptus.render.data.Watchdog;

/**
 * FreeMarker for report templates, in a sandbox: one dedicated {@link Configuration} (never the application's)
 * that resolves no class for {@code ?new}, has {@code ?api} off, wraps only plain values (strings, numbers,
 * dates, lists, maps: no Java object's methods are reachable), escapes HTML by default and loads no template
 * by name (templates are given as strings, keyed by report id). On top of FreeMarker's own switches every
 * template is read once and refused when it uses a construct the sandbox cannot bound (see {@link #check}).
 * Filling runs under a time budget (every loop checks for interruption) and an output budget.
 *
 * <p>Thread-safe; compiled templates are cached by report id and content hash.
 */
public final class HtmlTemplateEngine {

    private static final int CACHE_SIZE = 256;

    /** Built-ins that reach Java, or compile text at run time (which would escape the checks and the time budget). */
    private static final Map<String, String> FORBIDDEN_BUILT_INS = Map.of(
            "new", "creates Java objects",
            "api", "exposes Java objects",
            "hasapi", "exposes Java objects",
            "eval", "evaluates text as an expression",
            "interpret", "compiles text as a template",
            "matches", "runs regular expressions, which can run for ever on some inputs",
            "groups", "runs regular expressions, which can run for ever on some inputs");

    /** Built-ins whose last argument may turn on regular expressions ('r' flag): the position of that argument. */
    private static final Map<String, Integer> REGEX_FLAGS_ARGUMENT = Map.of(
            "replace", 2, "split", 1, "keepafter", 1, "keepbefore", 1, "keepafterlast", 1, "keepbeforelast", 1,
            "ensurestartswith", 2);

    private static final Set<String> PADDING = Set.of("leftpad", "rightpad");
    private static final int MAX_PADDING = 1000;

    /** A checked, compiled template and what it references. */
    public record Compiled(Template template, TemplateReferences references) {}

    private final Configuration configuration;
    private final Map<String, Compiled> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Compiled> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    public HtmlTemplateEngine() {
        this.configuration = sandbox();
    }

    /** The sandbox configuration: every switch that matters set explicitly, whatever FreeMarker's defaults. */
    static Configuration sandbox() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setAPIBuiltinEnabled(false);
        // Strings, numbers, booleans, dates, lists and maps only; anything else is an error, never a bean.
        cfg.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        cfg.setRecognizeStandardFileExtensions(false);
        // No template is ever loaded by name: an empty loader, and #include/#import are refused before that.
        cfg.setTemplateLoader(new StringTemplateLoader());
        cfg.setLocalizedLookup(false);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setAttemptExceptionReporter((e, env) -> { });
        cfg.setWrapUncheckedExceptions(false);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setNumberFormat("0.##########");
        cfg.setBooleanFormat("c");
        return cfg;
    }

    /** Parses, checks and caches a template; later calls with the same id and content reuse it. */
    public Compiled compile(ReportTemplate template, RenderLimits limits) {
        String key = template.cacheKey();
        Compiled cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        if (template.content().length > limits.maxTemplateBytes()) {
            throw new RenderException("The template is " + template.content().length + " bytes; templates may have at most "
                    + limits.maxTemplateBytes());
        }
        String source = new String(template.content(), StandardCharsets.UTF_8);
        Template parsed;
        try {
            parsed = new Template("report " + template.reportId(), null, new StringReader(source), configuration);
        } catch (ParseException e) {
            throw new RenderException("Template syntax error at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getEditorMessage(), e);
        } catch (IOException e) {
            throw new RenderException("The template cannot be read: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new RenderException("The template is nested too deeply");
        }
        List<Use> uses;
        try {
            uses = QalyptusTemplateInspector.inspect(parsed);
        } catch (IllegalStateException | StackOverflowError e) {
            throw new RenderException("The template is nested too deeply");
        }
        TemplateReferences references = check(uses);
        _CoreAPI.addThreadInterruptedChecks(parsed);
        Compiled compiled = new Compiled(parsed, references);
        cache.put(key, compiled);
        return compiled;
    }

    /** Refuses what the sandbox cannot bound, and collects the template's references to the app. */
    static TemplateReferences check(List<Use> uses) {
        TemplateReferences.Builder references = new TemplateReferences.Builder();
        for (Use use : uses) {
            String at = " (line " + use.line() + ", column " + use.column() + ")";
            String name = normalized(use.name());
            switch (use.kind()) {
                case BUILT_IN -> {
                    String why = FORBIDDEN_BUILT_INS.get(name);
                    if (why != null) {
                        throw new RenderException("Report templates cannot use ?" + use.name() + ": it " + why + at);
                    }
                }
                case BUILT_IN_CALL -> checkBuiltInCall(use, name, at);
                case RANGE -> throw new RenderException("Report templates cannot use ranges (such as 1..n): list the "
                        + "report's data instead" + at);
                case INCLUDE, IMPORT, VISIT -> throw new RenderException("Report templates cannot use " + use.name()
                        + ": a report template is one self-contained file" + at);
                case OUTPUT_CAPTURE -> throw new RenderException("Report templates cannot use " + use.name()
                        + " (it buffers output outside the size budget): use the ! default operator and ?? instead" + at);
                case CALL -> ReportModel.reference(use.name(), use.literalArguments(), references);
                case HASH_KEY -> {
                    if (use.name().equals(ReportModel.ITERATION)) {
                        references.field(use.literalArguments().get(0));
                    }
                }
                default -> { }
            }
        }
        return references.build();
    }

    private static void checkBuiltInCall(Use use, String name, String at) {
        Integer flags = REGEX_FLAGS_ARGUMENT.get(name);
        List<String> args = use.literalArguments();
        if (flags != null && args.size() > flags) {
            String value = args.get(flags);
            if (value == null || value.indexOf('r') >= 0) {
                throw new RenderException("Report templates cannot use regular expressions in ?" + use.name()
                        + " (they can run for ever on some inputs): use plain text" + at);
            }
        }
        if (PADDING.contains(name)) {
            String width = args.isEmpty() ? null : args.get(0);
            boolean ok;
            try {
                ok = width != null && Double.parseDouble(width) <= MAX_PADDING;
            } catch (NumberFormatException e) {
                ok = false;
            }
            if (!ok) {
                throw new RenderException("?" + use.name() + " takes a literal width of at most " + MAX_PADDING + at);
            }
        }
    }

    private static String normalized(String builtInName) {
        return builtInName.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Fills a compiled template with a data model.
     *
     * @throws RenderException for template errors (with line and column), an exceeded budget, or an error of a
     *     data function (an unknown object, a bad expression)
     */
    public String fill(Compiled compiled, TemplateHashModel model, Locale locale, TimeZone zone, RenderLimits limits,
            Deadline deadline) {
        return fill(compiled, model, locale, zone, limits, deadline, () -> 0L);
    }

    /**
     * Fills a compiled template whose model keeps some output aside (the tables of a {@link DeferredTables}).
     *
     * @param asideChars the characters kept aside so far: they count against the size budget with the output
     */
    public String fill(Compiled compiled, TemplateHashModel model, Locale locale, TimeZone zone, RenderLimits limits,
            Deadline deadline, java.util.function.LongSupplier asideChars) {
        BudgetWriter out = new BudgetWriter(limits.maxFilledChars(), asideChars);
        Watchdog.Guard guard = Watchdog.guard(java.time.Duration.ofMillis(deadline.remainingMillis()));
        try {
            Environment env = compiled.template().createProcessingEnvironment(model, out);
            env.setLocale(locale);
            env.setTimeZone(zone);
            env.process();
        } catch (TemplateException e) {
            throw translate(e, guard, out, deadline);
        } catch (IOException e) {
            throw new RenderException("The template output could not be written: " + e.getMessage(), e);
        } catch (RenderException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new RenderException("The template recursed too deeply (a macro or function that calls itself?)");
        } catch (OutOfMemoryError e) {
            throw new RenderException("The template needed more memory than the server can give one report");
        } catch (RuntimeException e) {
            if (guard.fired()) {
                throw deadline.exceeded();
            }
            throw new RenderException("The template failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } finally {
            guard.close();
        }
        if (guard.fired()) {
            throw deadline.exceeded();
        }
        if (out.exceeded || out.total(0) > limits.maxFilledChars()) {
            throw out.exceededError();
        }
        return out.toString();
    }

    private static RenderException translate(TemplateException e, Watchdog.Guard guard, BudgetWriter out, Deadline deadline) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RenderException r) {
                return r;
            }
        }
        if (guard.fired()) {
            return deadline.exceeded();
        }
        if (out.exceeded) {
            return out.exceededError();
        }
        String where = e.getLineNumber() == null ? "" : " at line " + e.getLineNumber() + ", column " + e.getColumnNumber();
        return new RenderException("Template error" + where + ": " + firstLines(e.getMessageWithoutStackTop()), e);
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int cut = trimmed.indexOf("\n\n----");
        if (cut > 0) {
            trimmed = trimmed.substring(0, cut);
        }
        return trimmed.length() > 600 ? trimmed.substring(0, 597) + "..." : trimmed;
    }

    /** Collects output and fails (for good) once it exceeds its budget. */
    static final class BudgetWriter extends Writer {
        private final StringBuilder buffer = new StringBuilder(8192);
        private final long max;
        private final java.util.function.LongSupplier aside;
        boolean exceeded;

        BudgetWriter(long max) {
            this(max, () -> 0L);
        }

        BudgetWriter(long max, java.util.function.LongSupplier aside) {
            this.max = max;
            this.aside = aside;
        }

        long total(int more) {
            return buffer.length() + (long) more + aside.getAsLong();
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            check(length);
            buffer.append(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) {
            check(length);
            buffer.append(text, offset, offset + length);
        }

        @Override
        public void write(int c) {
            check(1);
            buffer.append((char) c);
        }

        private void check(int more) {
            if (exceeded || total(more) > max) {
                exceeded = true;
                throw exceededError();
            }
        }

        RenderException exceededError() {
            return new RenderException("The filled template exceeds its size budget of " + max + " characters");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return buffer.toString();
        }
    }
}
