package org.qalyptus.render;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a template refers to in its app, for the report routes that list template items, objects,
 * variables and iteration fields. Only literal references are known before rendering: a template that
 * computes an id ({@code table(someVariable)}) sets {@link #computed()}.
 *
 * @param objects object ids (tables, charts, KPIs), in order of first use
 * @param variables variable names
 * @param fields field names whose selections or iteration values the template shows
 * @param formulas expressions evaluated in the app
 * @param computed whether some reference is computed at render time and so not listed
 */
public record TemplateReferences(Set<String> objects, Set<String> variables, Set<String> fields, Set<String> formulas,
        boolean computed) {

    public static final TemplateReferences NONE = new TemplateReferences(Set.of(), Set.of(), Set.of(), Set.of(), false);

    public TemplateReferences {
        objects = Collections.unmodifiableSet(new LinkedHashSet<>(objects));
        variables = Collections.unmodifiableSet(new LinkedHashSet<>(variables));
        fields = Collections.unmodifiableSet(new LinkedHashSet<>(fields));
        formulas = Collections.unmodifiableSet(new LinkedHashSet<>(formulas));
    }

    /** Collects references while a template is read. */
    public static final class Builder {
        private final Set<String> objects = new LinkedHashSet<>();
        private final Set<String> variables = new LinkedHashSet<>();
        private final Set<String> fields = new LinkedHashSet<>();
        private final Set<String> formulas = new LinkedHashSet<>();
        private boolean computed;

        public Builder object(String id) {
            return add(objects, id);
        }

        public Builder variable(String name) {
            return add(variables, name);
        }

        public Builder field(String name) {
            return add(fields, name);
        }

        public Builder formula(String expression) {
            return add(formulas, expression);
        }

        private Builder add(Set<String> set, String value) {
            if (value == null) {
                computed = true;
            } else {
                set.add(value);
            }
            return this;
        }

        public TemplateReferences build() {
            return new TemplateReferences(objects, variables, fields, formulas, computed);
        }
    }
}
