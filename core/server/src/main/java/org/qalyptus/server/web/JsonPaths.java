package org.qalyptus.server.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Describes a Jackson failure in the caller's terms, without Java class names. */
final class JsonPaths {

    private JsonPaths() {}

    /** The JSON path of the offending value, such as {@code items[2].name}, or empty. */
    static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String problem(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "has an invalid value" + expected(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched) {
            return "has the wrong type" + expected(mismatched.getTargetType());
        }
        if (e instanceof StreamReadException read && read.getLocation() != null) {
            return "syntax error at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
        }
        return "it could not be read";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder names = new StringBuilder();
            for (Object c : constants) {
                names.append(names.isEmpty() ? "" : ", ").append(c);
            }
            return "; expected one of " + names;
        }
        if (type == String.class) {
            return "; expected text";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "; expected a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "; expected true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "; expected a list";
        }
        if (type == java.util.UUID.class) {
            return "; expected a UUID";
        }
        return "; expected an object";
    }
}
