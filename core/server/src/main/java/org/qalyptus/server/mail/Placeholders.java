package org.qalyptus.server.mail;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of task subjects and messages: {@code {{Name}}}, name without case, spaces allowed inside the
 * braces. Unknown placeholders are left as written.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

    private Placeholders() {}

    /** @param values by lower-case name; each value passed through {@code escape} before it is inserted */
    static String replace(String text, Map<String, String> values, UnaryOperator<String> escape) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1).toLowerCase(Locale.ROOT));
            matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? matcher.group() : escape.apply(value)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
