package org.qalyptus.render.html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xhtmlrenderer.css.sheet.StylesheetInfo;

/**
 * Flying Saucer's default (user agent) stylesheet restricted to the rules that can match a given document.
 *
 * <p>Why: Flying Saucer tests every element against every selector it carries (descendant selectors are carried
 * to every level), so the ~120 selectors of the default stylesheet (forms, lists, frames, headings ...) cost
 * time on each of the thousands of cells of a long table. A selector that names an element type (such as
 * {@code ol ul} or {@code table > caption}) can only match when the document has elements of every type it
 * names, so leaving out the others changes nothing: the kept rules stay in their order, and cascade order only
 * depends on relative order. Rules without a type (none in the stylesheet today) and at-rules are always kept.
 * One variant is parsed per distinct set of element names (cached by content, like every stylesheet).
 */
final class UserAgentStyles {

    private static final Pattern TYPE = Pattern.compile("(?:^|[\\s>+~])([A-Za-z][A-Za-z0-9]*)");
    private static final int MAX_VARIANTS = 256;

    /** A rule of the default stylesheet: its selectors (each with the element types it names) and its body. */
    private record Rule(String atRule, List<String> selectors, List<Set<String>> types, String body) {}

    private final List<Rule> rules;
    private final Map<String, StylesheetInfo> variants = new ConcurrentHashMap<>();

    UserAgentStyles(String css) {
        this.rules = parse(css);
    }

    /** The stylesheet for a document whose elements have these (lower-case) local names. */
    StylesheetInfo forElements(Set<String> present) {
        StringBuilder key = new StringBuilder();
        for (String name : new TreeSet<>(present)) {
            key.append(name).append(' ');
        }
        StylesheetInfo cached = variants.get(key.toString());
        if (cached != null) {
            return cached;
        }
        String css = filter(present);
        StylesheetInfo info = new StylesheetInfo(StylesheetInfo.Origin.USER_AGENT, "qalyptus:user-agent/" + sha256(css),
                StylesheetInfo.mediaTypes(""), css);
        if (variants.size() >= MAX_VARIANTS) {
            variants.clear();
        }
        variants.put(key.toString(), info);
        return info;
    }

    /** The rules (and selectors) that can match elements of these types, in their order. */
    String filter(Set<String> present) {
        StringBuilder out = new StringBuilder(4096);
        for (Rule rule : rules) {
            if (rule.atRule() != null) {
                out.append(rule.atRule()).append('\n');
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < rule.selectors().size(); i++) {
                if (present.containsAll(rule.types().get(i))) {
                    kept.add(rule.selectors().get(i));
                }
            }
            if (!kept.isEmpty()) {
                out.append(String.join(", ", kept)).append(" {").append(rule.body()).append("}\n");
            }
        }
        return out.toString();
    }

    /** How many selectors the unfiltered stylesheet has (for tests). */
    int selectorCount() {
        return rules.stream().mapToInt(r -> r.selectors().size()).sum();
    }

    private static List<Rule> parse(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", " ");
        List<Rule> rules = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                if (!text.substring(i).isBlank()) {
                    throw new IllegalStateException("unexpected text at the end of the default stylesheet");
                }
                break;
            }
            int close = text.indexOf('}', open);
            if (close < 0 || text.substring(open + 1, close).indexOf('{') >= 0) {
                throw new IllegalStateException("nested blocks in the default stylesheet");
            }
            String prelude = text.substring(i, open).trim();
            String body = text.substring(open + 1, close);
            if (prelude.startsWith("@")) {
                rules.add(new Rule(prelude + " {" + body + "}", List.of(), List.of(), body));
            } else {
                List<String> selectors = new ArrayList<>();
                List<Set<String>> types = new ArrayList<>();
                for (String selector : prelude.split(",")) {
                    String s = selector.trim().replaceAll("\\s+", " ");
                    if (s.isEmpty()) {
                        continue;
                    }
                    selectors.add(s);
                    types.add(types(s));
                }
                rules.add(new Rule(null, selectors, types, body));
            }
            i = close + 1;
        }
        return rules;
    }

    /** The element types a selector names: the identifiers that start a compound selector. */
    static Set<String> types(String selector) {
        // Attribute values may contain anything: drop them before looking for types.
        String plain = selector.replaceAll("\\[[^\\]]*\\]", "[]");
        Set<String> types = new TreeSet<>();
        Matcher m = TYPE.matcher(plain);
        while (m.find()) {
            types.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return types;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
