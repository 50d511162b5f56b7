package org.qalyptus.plugins.connector.embedded.engine;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.qalyptus.plugins.connector.embedded.manifest.AppManifest.FieldDef;
import org.qalyptus.spi.app.AppModel.FormatOptions;

/**
 * Turns values into the texts users see and selection texts back into values. Number patterns are
 * Java {@link DecimalFormat} patterns written with {@code ,} and {@code .} ({@code #,##0.00},
 * {@code 0.0%}); the separators of the output come from {@link FormatOptions}. Date patterns use Qlik's
 * letters ({@code YYYY-MM-DD}, {@code MMM YYYY}). One instance per request: not thread-safe.
 */
public final class Formats {

    static final String DEFAULT_NUMBER = "#,##0.##";
    static final String DEFAULT_DATE = "YYYY-MM-DD";

    private final FormatOptions options;
    private final Map<String, DecimalFormat> numberFormats = new HashMap<>();
    private final Map<String, DateTimeFormatter> dateFormats = new HashMap<>();

    public Formats(FormatOptions options) {
        this.options = options;
    }

    public String number(Double value, String pattern) {
        if (value == null || value.isNaN()) {
            return "-";
        }
        return numberFormat(pattern == null ? DEFAULT_NUMBER : pattern).format(value);
    }

    private DecimalFormat numberFormat(String pattern) {
        return numberFormats.computeIfAbsent(pattern, p -> {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
            symbols.setDecimalSeparator(options.decimalSeparator().charAt(0));
            symbols.setMonetaryDecimalSeparator(options.decimalSeparator().charAt(0));
            boolean grouping = !options.groupSeparator().isEmpty();
            if (grouping) {
                symbols.setGroupingSeparator(options.groupSeparator().charAt(0));
            }
            DecimalFormat format;
            try {
                format = new DecimalFormat(p, symbols);
            } catch (IllegalArgumentException e) {
                format = new DecimalFormat(DEFAULT_NUMBER, symbols);
            }
            format.setGroupingUsed(grouping && format.isGroupingUsed());
            return format;
        });
    }

    public String date(LocalDate value, String pattern) {
        if (value == null) {
            return "-";
        }
        return dateFormat(pattern == null ? DEFAULT_DATE : pattern).format(value);
    }

    private DateTimeFormatter dateFormat(String pattern) {
        return dateFormats.computeIfAbsent(pattern, p -> {
            try {
                return DateTimeFormatter.ofPattern(javaDatePattern(p), Locale.ENGLISH);
            } catch (IllegalArgumentException e) {
                return DateTimeFormatter.ISO_LOCAL_DATE;
            }
        });
    }

    /** Qlik date letters to java.time: YYYY to yyyy, DD to dd, WWW to EEE, hh to HH; others kept. */
    static String javaDatePattern(String qlik) {
        return qlik.replace("YYYY", "yyyy").replace("YY", "yy").replace("DD", "dd").replace("WWWW", "EEEE")
                .replace("WWW", "EEE").replace("hh", "HH").replace("D", "d");
    }

    /** The text of a field value: what field values list and what a selection of it is written as. */
    public String fieldText(FieldDef field, Object value) {
        if (value == null) {
            return "-";
        }
        return switch (field.type()) {
            case DATE -> date(toLocalDate(value), field.format());
            case INTEGER -> String.valueOf(((Number) value).longValue());
            case NUMBER -> plain(((Number) value).doubleValue());
            default -> String.valueOf(value);
        };
    }

    /** A number as plain text that parses back to the same number: {@code 3}, {@code 0.25}. */
    public static String plain(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        return LocalDate.parse(String.valueOf(value));
    }

    /**
     * The value a selection text stands for in a field, or null when it cannot be one of the field's
     * values (such a selection simply matches nothing).
     */
    public Object parseSelection(FieldDef field, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return switch (field.type()) {
                case TEXT -> text;
                case INTEGER -> {
                    BigDecimal d = new BigDecimal(t);
                    yield d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : null;
                }
                case NUMBER -> Double.parseDouble(t);
                case DATE -> parseDate(field, t);
            };
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private LocalDate parseDate(FieldDef field, String t) {
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException notIso) {
            if (field.format() == null) {
                throw notIso;
            }
            TemporalAccessor parsed = dateFormat(field.format()).parse(t, new ParsePosition(0));
            if (parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
                return LocalDate.from(parsed);
            }
            return YearMonth.from(parsed).atDay(1);
        }
    }
}
