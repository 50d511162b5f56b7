package org.qalyptus.server.report;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The bodies the report routes accept; field names as in the Qalyptus Cloud API reference. */
public final class ReportRequests {

    private ReportRequests() {}

    /**
     * Create report.
     *
     * @param type Excel, Word, PowerPoint or HTML, in any case; HTML when absent or null
     * @param qlikAppIDs the apps the report draws from, first = main app (our extension); or
     * @param qlikAppID one app, for clients that bind a single app
     */
    public record CreateReport(String name, String description, @JsonProperty("projectID") String projectID,
            String type, @JsonProperty("qlikAppIDs") List<String> qlikAppIDs,
            @JsonProperty("qlikAppID") String qlikAppID) {}

    /**
     * Update a report. The body is the report's new state: a null {@code description},
     * {@code iterationFields} or {@code dynamicNames} clears it, a null {@code dynamicNameSeparator} puts
     * back the default ({@code _}). {@code qlikAppIDs}/{@code qlikAppID} absent keep the apps.
     *
     * @param type optional; when given it must be the report's type (fixed at creation)
     * @param version the version the update is based on (optional; or an If-Match header)
     */
    public record UpdateReport(String name, String description, @JsonProperty("isIteration") Boolean isIteration,
            List<IterationFieldRequest> iterationFields, String dynamicNameSeparator,
            List<DynamicNameRequest> dynamicNames, String type, @JsonProperty("qlikAppIDs") List<String> qlikAppIDs,
            @JsonProperty("qlikAppID") String qlikAppID, Long version) {}

    /**
     * IterationFieldRequestDto: a field of one of the report's apps, named by its id or its name.
     *
     * @param qlikFieldID the field's id as the API gives it (filters, template items)
     * @param fieldName the field's name as the app has it (also accepted as {@code name})
     * @param qlikAppID the app to look in; optional (the report's apps in order)
     */
    public record IterationFieldRequest(@JsonProperty("qlikFieldID") String qlikFieldID,
            @JsonAlias("name") String fieldName, @JsonProperty("qlikAppID") String qlikAppID) {}

    /**
     * DynamicNameRequestDto: one part of the generated file name.
     *
     * @param type Text, Field, Variable or Date (any case)
     * @param value Text: the text; Field: the field's qlikFieldID or name; Variable: the variable's id or
     *     name; Date: unused
     * @param format Date: a date pattern such as {@code yyyy-MM-dd} (the default); otherwise optional
     * @param qlikAppID for Field and Variable: the app to look in (optional)
     */
    public record DynamicNameRequest(String type, String value, String format,
            @JsonProperty("qlikAppID") String qlikAppID) {}

    /** Duplicate report: where the copy goes. */
    public record DuplicateReport(@JsonProperty("projectID") String projectID,
            @JsonProperty("organizationID") String organizationID) {}

    /** Save an HTML report's template. */
    public record HtmlContent(String htmlContent, Long version) {}
}
