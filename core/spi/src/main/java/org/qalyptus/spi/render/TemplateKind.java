package org.qalyptus.spi.render;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The kinds of report template; a report's kind is fixed when it is created. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum TemplateKind {
    HTML("HTML"),
    EXCEL("Excel"),
    WORD("Word"),
    POWERPOINT("PowerPoint");

    private final String wireName;

    TemplateKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used by the REST API's report {@code type} field. */
    public String wireName() {
        return wireName;
    }
}
