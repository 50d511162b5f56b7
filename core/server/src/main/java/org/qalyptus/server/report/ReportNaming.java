package org.qalyptus.server.report;

import org.qalyptus.server.web.Uuids;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.asset.AssetNames;
import org.qalyptus.server.report.ReportDocument.DynamicNamePart;
import org.qalyptus.server.report.ReportDocument.IterationField;
import org.qalyptus.server.report.ReportRequests.DynamicNameRequest;
import org.qalyptus.server.report.ReportRequests.IterationFieldRequest;
import org.qalyptus.server.web.ApiResponse.FieldError;

/**
 * The rules of iteration fields and dynamic names. Checked in two steps: the shape of the request
 * ({@link #checkShape}, no lookup), then, once the report and its apps are known, which app field or
 * variable each item names ({@link #resolveIterationFields}, {@link #resolveDynamicNames}). Items equal to
 * what the report already has are kept without opening an app; new ones are looked up in the apps.
 */
final class ReportNaming {

    static final int MAX_ITERATION_FIELDS = 10;
    static final int MAX_DYNAMIC_NAMES = 20;
    static final int MAX_SEPARATOR = 10;
    static final int MAX_VALUE = 200;
    static final int MAX_FORMAT = 100;
    static final String DEFAULT_DATE_FORMAT = "yyyy-MM-dd";

    /** The dynamic name part types, as the API writes them. */
    enum PartType {
        Text, Field, Variable, Date;

        static Optional<PartType> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            for (PartType type : values()) {
                if (type.name().equalsIgnoreCase(value.trim())) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    private ReportNaming() {}

    /** The separator to store (the default for null), with an error when it cannot be part of a file name. */
    static String separator(String separator, List<FieldError> errors) {
        if (separator == null) {
            return ReportDocument.DEFAULT_SEPARATOR;
        }
        if (separator.length() > MAX_SEPARATOR) {
            errors.add(new FieldError("dynamicNameSeparator", "must be at most " + MAX_SEPARATOR + " characters"));
        } else if (!fileSafe(separator)) {
            errors.add(new FieldError("dynamicNameSeparator", "must not contain control characters or any of / \\ : * ? @ \" < > |"));
        }
        return separator;
    }

    /** Checks what can be checked without the report's apps. */
    static void checkShape(List<IterationFieldRequest> iterationFields, List<DynamicNameRequest> dynamicNames,
            List<FieldError> errors) {
        if (iterationFields != null) {
            if (iterationFields.size() > MAX_ITERATION_FIELDS) {
                errors.add(new FieldError("iterationFields", "must list at most " + MAX_ITERATION_FIELDS + " fields"));
            } else {
                for (int i = 0; i < iterationFields.size(); i++) {
                    checkIterationField(iterationFields.get(i), "iterationFields[" + i + "]", errors);
                }
            }
        }
        if (dynamicNames != null) {
            if (dynamicNames.size() > MAX_DYNAMIC_NAMES) {
                errors.add(new FieldError("dynamicNames", "must list at most " + MAX_DYNAMIC_NAMES + " parts"));
            } else {
                for (int i = 0; i < dynamicNames.size(); i++) {
                    checkDynamicName(dynamicNames.get(i), "dynamicNames[" + i + "]", errors);
                }
            }
        }
    }

    private static void checkIterationField(IterationFieldRequest item, String path, List<FieldError> errors) {
        if (item == null) {
            errors.add(new FieldError(path, "must be an object naming a field"));
            return;
        }
        if (item.qlikFieldID() == null && (item.fieldName() == null || item.fieldName().isBlank())) {
            errors.add(new FieldError(path + ".qlikFieldID", "is required (or fieldName)"));
        }
        if (item.qlikFieldID() != null && !isUuid(item.qlikFieldID())) {
            errors.add(new FieldError(path + ".qlikFieldID", "must be a UUID"));
        }
        if (item.fieldName() != null && item.fieldName().length() > MAX_VALUE) {
            errors.add(new FieldError(path + ".fieldName", "must be at most " + MAX_VALUE + " characters"));
        }
        checkAppId(item.qlikAppID(), path, errors);
    }

    private static void checkDynamicName(DynamicNameRequest part, String path, List<FieldError> errors) {
        if (part == null) {
            errors.add(new FieldError(path, "must be an object with a type"));
            return;
        }
        Optional<PartType> type = PartType.parse(part.type());
        if (type.isEmpty()) {
            errors.add(new FieldError(path + ".type", "must be Text, Field, Variable or Date"));
            return;
        }
        if (part.value() != null && part.value().length() > MAX_VALUE) {
            errors.add(new FieldError(path + ".value", "must be at most " + MAX_VALUE + " characters"));
            return;
        }
        if (part.format() != null && part.format().length() > MAX_FORMAT) {
            errors.add(new FieldError(path + ".format", "must be at most " + MAX_FORMAT + " characters"));
            return;
        }
        checkAppId(part.qlikAppID(), path, errors);
        switch (type.get()) {
            case Text -> {
                if (part.value() == null || part.value().isEmpty()) {
                    errors.add(new FieldError(path + ".value", "is required for a Text part"));
                } else if (!fileSafe(part.value())) {
                    errors.add(new FieldError(path + ".value",
                            "must not contain control characters or any of / \\ : * ? @ \" < > | (it goes into file names)"));
                }
            }
            case Field, Variable -> {
                if (part.value() == null || part.value().isBlank()) {
                    errors.add(new FieldError(path + ".value", "is required: the " + type.get().name().toLowerCase(Locale.ROOT)
                            + "'s id or name"));
                }
            }
            case Date -> dateFormat(part.format(), path + ".format", errors);
        }
    }

    private static void checkAppId(String appId, String path, List<FieldError> errors) {
        if (appId != null && (appId.isBlank() || appId.length() > MAX_VALUE)) {
            errors.add(new FieldError(path + ".qlikAppID", "must be an app id"));
        }
    }

    /** The date pattern of a Date part: the default when absent; it must format to a file-safe text. */
    static String dateFormat(String format, String path, List<FieldError> errors) {
        String pattern = format == null || format.isBlank() ? DEFAULT_DATE_FORMAT : format;
        try {
            String sample = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(LocalDateTime.of(2024, 12, 31, 23, 59, 58));
            if (!fileSafe(sample)) {
                errors.add(new FieldError(path, "gives characters a file name may not hold (such as : or /)"));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            errors.add(new FieldError(path, "is not a date pattern (for example yyyy-MM-dd)"));
        }
        return pattern;
    }

    /**
     * The iteration fields as stored: each request item resolved to a field of one of {@code appIds}.
     * Call after {@link #checkShape} found no error.
     */
    static List<IterationField> resolveIterationFields(List<IterationFieldRequest> requested, List<String> appIds,
            List<IterationField> current, ReportApps.Elements apps, List<FieldError> errors) {
        List<IterationField> resolved = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            return resolved;
        }
        if (appIds.isEmpty()) {
            errors.add(new FieldError("iterationFields", "the report draws from no app: set qlikAppIDs first"));
            return resolved;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            IterationFieldRequest item = requested.get(i);
            String path = "iterationFields[" + i + "]";
            List<String> candidates = candidates(item.qlikAppID(), appIds, path, errors);
            if (candidates == null) {
                continue;
            }
            IterationField found = current.stream()
                    .filter(f -> candidates.contains(f.appId()) && matches(f.qlikFieldID(), f.fieldName(), item.qlikFieldID(),
                            item.fieldName()))
                    .findFirst()
                    .orElseGet(() -> lookUp(candidates, item.qlikFieldID(), item.fieldName(), apps::fields, f -> f.name(),
                            AppElementIds::field).map(m -> new IterationField(m.appId(), m.name(), m.id())).orElse(null));
            if (found == null) {
                errors.add(new FieldError(item.qlikFieldID() != null ? path + ".qlikFieldID" : path + ".fieldName",
                        "is not a field of the report's apps"));
            } else if (!seen.add(found.qlikFieldID())) {
                errors.add(new FieldError(path, "names field '" + found.fieldName() + "' a second time"));
            } else {
                resolved.add(found);
            }
        }
        return resolved;
    }

    /**
     * The dynamic name parts as stored, in order: Field and Variable parts resolved to an element of one of
     * {@code appIds}. Call after {@link #checkShape} found no error.
     */
    static List<DynamicNamePart> resolveDynamicNames(List<DynamicNameRequest> requested, List<String> appIds,
            List<DynamicNamePart> current, ReportApps.Elements apps, List<FieldError> errors) {
        List<DynamicNamePart> resolved = new ArrayList<>();
        if (requested == null) {
            return resolved;
        }
        for (int i = 0; i < requested.size(); i++) {
            DynamicNameRequest part = requested.get(i);
            String path = "dynamicNames[" + i + "]";
            PartType type = PartType.parse(part.type()).orElseThrow();
            switch (type) {
                case Text -> resolved.add(new DynamicNamePart(type.name(), part.value(), blankToNull(part.format()), null, null));
                case Date -> resolved.add(new DynamicNamePart(type.name(), null, dateFormat(part.format(), path, errors), null,
                        null));
                case Field, Variable -> {
                    if (appIds.isEmpty()) {
                        errors.add(new FieldError(path, "the report draws from no app: set qlikAppIDs first"));
                        continue;
                    }
                    List<String> candidates = candidates(part.qlikAppID(), appIds, path, errors);
                    if (candidates == null) {
                        continue;
                    }
                    String value = part.value().trim();
                    String id = isUuid(value) ? value.toLowerCase(Locale.ROOT) : null;
                    String name = id == null ? value : null;
                    DynamicNamePart found = current.stream()
                            .filter(p -> p.type().equals(type.name()) && candidates.contains(p.appId())
                                    && matches(p.elementId(), p.value(), id, name))
                            .findFirst()
                            .map(p -> new DynamicNamePart(p.type(), p.value(), blankToNull(part.format()), p.appId(), p.elementId()))
                            .orElseGet(() -> (type == PartType.Field
                                    ? lookUp(candidates, id, name, apps::fields, f -> f.name(), AppElementIds::field)
                                    : lookUp(candidates, id, name, apps::variables, v -> v.name(), AppElementIds::variable))
                                    .map(m -> new DynamicNamePart(type.name(), m.name(), blankToNull(part.format()), m.appId(), m.id()))
                                    .orElse(null));
                    if (found == null) {
                        errors.add(new FieldError(path + ".value", "is not a " + type.name().toLowerCase(Locale.ROOT)
                                + " of the report's apps"));
                    } else {
                        resolved.add(found);
                    }
                }
            }
        }
        return resolved;
    }

    /** The apps to look in: the one the item names (it must be one of the report's), else all of them in order. */
    private static List<String> candidates(String qlikAppID, List<String> appIds, String path, List<FieldError> errors) {
        if (qlikAppID == null) {
            return appIds;
        }
        if (!appIds.contains(qlikAppID.trim())) {
            errors.add(new FieldError(path + ".qlikAppID", "is not one of the report's apps"));
            return null;
        }
        return List.of(qlikAppID.trim());
    }

    private static boolean matches(String storedId, String storedName, String id, String name) {
        return id != null ? id.equalsIgnoreCase(storedId) : storedName != null && storedName.equals(name == null ? null : name.trim());
    }

    private record Match(String appId, String name, String id) {}

    /**
     * Finds an element by id (in the apps' order) or by name: the exact name first, else a unique
     * case-insensitive match.
     */
    private static <E> Optional<Match> lookUp(List<String> appIds, String id, String name, Function<String, List<E>> elements,
            Function<E, String> nameOf, java.util.function.BiFunction<String, String, String> idOf) {
        if (id != null) {
            for (String appId : appIds) {
                for (E element : elements.apply(appId)) {
                    if (idOf.apply(appId, nameOf.apply(element)).equalsIgnoreCase(id)) {
                        return Optional.of(new Match(appId, nameOf.apply(element), idOf.apply(appId, nameOf.apply(element))));
                    }
                }
            }
            return Optional.empty();
        }
        String wanted = name.trim();
        List<Match> ignoringCase = new ArrayList<>();
        for (String appId : appIds) {
            for (E element : elements.apply(appId)) {
                String elementName = nameOf.apply(element);
                if (elementName.equals(wanted)) {
                    return Optional.of(new Match(appId, elementName, idOf.apply(appId, elementName)));
                }
                if (elementName.equalsIgnoreCase(wanted)) {
                    ignoringCase.add(new Match(appId, elementName, idOf.apply(appId, elementName)));
                }
            }
        }
        return ignoringCase.size() == 1 ? Optional.of(ignoringCase.get(0)) : Optional.empty();
    }

    static boolean fileSafe(String text) {
        return text.chars().noneMatch(c -> Character.isISOControl(c) || AssetNames.FILE_UNSAFE.indexOf(c) >= 0);
    }

    /** As {@link Uuids#isUuid} around surrounding blanks. */
    static boolean isUuid(String value) {
        return Uuids.isUuid(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
