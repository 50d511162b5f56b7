package org.qalyptus.server.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.ProjectSummary;

/** What the report routes answer; field names as the live API shows them (PRODUCT.md). */
public final class ReportViews {

    private ReportViews() {}

    /**
     * A report: the list fields of the live API (id, name, type, owner, isMine, project, ownerName,
     * description, isIteration, templateFile, outputFormats, dynamicNameSeparator) plus its version, apps,
     * iteration fields and dynamic names. Built from the stored document alone: no app is opened.
     *
     * @param owner the owner's user id
     * @param templateFile the template's file name, or null while the report has none
     * @param qlikAppIDs the apps the report draws from, first = main app
     */
    public record ReportView(
            String id,
            String name,
            String type,
            String owner,
            @JsonProperty("isMine") boolean isMine,
            ProjectSummary project,
            String ownerName,
            String description,
            @JsonProperty("isIteration") boolean isIteration,
            String templateFile,
            List<String> outputFormats,
            String dynamicNameSeparator,
            Long version,
            @JsonProperty("projectID") String projectID,
            @JsonProperty("organizationID") String organizationID,
            @JsonProperty("qlikAppIDs") List<String> qlikAppIDs,
            List<IterationFieldView> iterationFields,
            List<DynamicNameView> dynamicNames,
            Instant createdAt,
            Instant updatedAt) {}

    public record IterationFieldView(@JsonProperty("qlikFieldID") String qlikFieldID, String fieldName,
            @JsonProperty("qlikAppID") String qlikAppID) {}

    /**
     * @param qlikFieldID for a Field part, else null
     * @param qlikVariableID for a Variable part, else null
     */
    public record DynamicNameView(int order, String type, String value, String format,
            @JsonProperty("qlikAppID") String qlikAppID, @JsonProperty("qlikFieldID") String qlikFieldID,
            @JsonProperty("qlikVariableID") String qlikVariableID) {}

    /**
     * The answer to a duplication: the copy, and the apps left out because the target organization does
     * not serve them (with the iteration fields and dynamic name parts that used them).
     */
    public record DuplicatedReport(@JsonUnwrapped ReportView report,
            @JsonProperty("droppedQlikAppIDs") List<String> droppedQlikAppIDs, String message) {}

    /** An HTML report's template. @param htmlContent null while none was saved */
    public record HtmlContentView(String id, String htmlContent, Long version) {}

    /**
     * An app of the report, with the connection serving it.
     *
     * @param isAvailable false when no connection of the report's organization serves it any more (the
     *     other fields but the id are then null)
     */
    public record ReportAppView(String id, String name, String description, Instant lastReloadTime,
            @JsonProperty("connectionID") String connectionID, String connectionName, String connectionType,
            @JsonProperty("isAvailable") boolean isAvailable) {}

    /** A variable of one of the report's apps, with its value under no selection. */
    public record VariableView(String id, String name, String definition, String value,
            @JsonProperty("qlikAppID") String qlikAppID, boolean usedInTemplate) {}

    /**
     * An object of one of the report's apps.
     *
     * @param id the stable id ({@code AppElementIds.object})
     * @param itemID the object's id in the app
     */
    public record QlikObjectView(String id, @JsonProperty("itemID") String itemID, String title, String type,
            List<Column> columns, @JsonProperty("qlikAppID") String qlikAppID, @JsonProperty("sheetID") String sheetID,
            boolean usedInTemplate) {}

    public record Column(String id, String name) {}

    /** The template items tree: {@code {"nodes": [...]}}. */
    public record TemplateItems(List<Node> nodes) {}

    /** A group of items: a sheet of an app, or an app's variables or fields. */
    public record Node(String name, String type, String icon, List<Item> objects) {}

    /** One item a template can use; {@code objects} holds nested items (none for now). */
    public record Item(String id, @JsonProperty("itemID") String itemID, String title, String type, List<Item> objects,
            List<Column> columns) {}
}
