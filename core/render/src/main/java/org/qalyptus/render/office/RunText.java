package org.qalyptus.render.office;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces tags in text split into runs (Word and PowerPoint keep a paragraph's text in runs, and editors
 * often split a tag across several). A tag inside one run is replaced in place, keeping the rest of the run
 * and the other runs untouched; a tag spread over runs is replaced in the first of them and removed from the
 * others, so the replacement takes the style of the run the tag starts in.
 */
final class RunText {

    private RunText() {}

    /** Reads and writes the text of one run. */
    interface Run {
        String text();

        void text(String text);
    }

    /** The paragraph's text (the runs joined) and the tags in it. */
    static String joined(List<? extends Run> runs) {
        StringBuilder text = new StringBuilder();
        for (Run run : runs) {
            text.append(run.text());
        }
        return text.toString();
    }

    static void replace(List<? extends Run> runs, List<OfficeTag> tags, Function<OfficeTag, String> value) {
        List<String> texts = new ArrayList<>();
        int[] starts = new int[runs.size()];
        int at = 0;
        for (int i = 0; i < runs.size(); i++) {
            String t = runs.get(i).text();
            texts.add(t);
            starts[i] = at;
            at += t.length();
        }
        for (int k = tags.size() - 1; k >= 0; k--) {
            OfficeTag tag = tags.get(k);
            int first = runAt(starts, texts, tag.start());
            int last = runAt(starts, texts, tag.end() - 1);
            String replacement = value.apply(tag);
            if (first == last) {
                String t = texts.get(first);
                int s = tag.start() - starts[first];
                int e = tag.end() - starts[first];
                texts.set(first, t.substring(0, s) + replacement + t.substring(e));
            } else {
                String firstText = texts.get(first);
                texts.set(first, firstText.substring(0, tag.start() - starts[first]) + replacement);
                for (int i = first + 1; i < last; i++) {
                    texts.set(i, "");
                }
                String lastText = texts.get(last);
                texts.set(last, lastText.substring(tag.end() - starts[last]));
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            if (!texts.get(i).equals(runs.get(i).text())) {
                runs.get(i).text(texts.get(i));
            }
        }
    }

    private static int runAt(int[] starts, List<String> texts, int offset) {
        for (int i = starts.length - 1; i >= 0; i--) {
            if (starts[i] <= offset && !texts.get(i).isEmpty()) {
                return i;
            }
        }
        return 0;
    }
}
