package org.qalyptus.server.report;

import java.time.Instant;
import java.util.List;
import org.qalyptus.server.asset.AssetKind;
import org.qalyptus.server.asset.ProjectAsset;
import org.qalyptus.server.permission.AssetType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A report: a template of one type bound to the apps it draws from. Other features read the collection by
 * field name (see the content brief): {@code type}, {@code isIteration}, {@code iterationFields},
 * {@code dynamicNameSeparator}, {@code dynamicNames}, {@code appIds} (first = main app).
 *
 * <p>The template, HTML or Office, is one file of the GridFS bucket {@code templates} named by
 * {@code templateFileId} (null until one is saved). It is replaced by writing the new file, switching
 * {@code templateFileId} with a conditional update and deleting the old file, so a reader that follows
 * the id never finds it missing for long (it re-reads the report once when it does).
 *
 * @param type {@code Excel}, {@code Word}, {@code PowerPoint} or {@code HTML}; fixed at creation
 * @param templateFileName the template's file name as uploaded (Office types), or null
 */
@Document("reports")
@CompoundIndex(name = "project_name", def = "{'projectId': 1, 'nameKey': 1}", unique = true)
public record ReportDocument(
        @Id String id,
        @Indexed String projectId,
        String organizationId,
        String name,
        String nameKey,
        String description,
        @Indexed String ownerId,
        @Version Long version,
        String type,
        boolean isIteration,
        List<IterationField> iterationFields,
        String dynamicNameSeparator,
        List<DynamicNamePart> dynamicNames,
        List<String> appIds,
        String templateFileId,
        String templateFileName,
        Instant createdAt,
        Instant updatedAt) implements ProjectAsset {

    public static final AssetKind<ReportDocument> KIND = AssetKind.of(AssetType.Report, ReportDocument.class);
    public static final String DEFAULT_SEPARATOR = "_";

    public ReportDocument {
        iterationFields = iterationFields == null ? List.of() : List.copyOf(iterationFields);
        dynamicNames = dynamicNames == null ? List.of() : List.copyOf(dynamicNames);
        appIds = appIds == null ? List.of() : List.copyOf(appIds);
    }

    @Override
    public AssetKind<?> kind() {
        return KIND;
    }

    public ReportType reportType() {
        return ReportType.of(type);
    }

    /**
     * A field of one of the report's apps whose values the report is burst by (one file per value).
     *
     * @param qlikFieldID the field's stable id ({@code AppElementIds.field(appId, fieldName)})
     */
    public record IterationField(String appId, String fieldName, String qlikFieldID) {}

    /**
     * One part of a generated file name, in order; the parts are joined by the separator.
     *
     * @param type {@code Text}, {@code Field}, {@code Variable} or {@code Date}
     * @param value the text (Text), the field or variable name (Field, Variable), null (Date)
     * @param format the date pattern (Date, java.time pattern) or an optional format kept for the engine
     * @param appId the app of a Field or Variable part, else null
     * @param elementId the field's or variable's stable id ({@code AppElementIds}), else null
     */
    public record DynamicNamePart(String type, String value, String format, String appId, String elementId) {}
}
