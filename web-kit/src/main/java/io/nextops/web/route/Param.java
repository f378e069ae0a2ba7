package io.nextops.web.route;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One query parameter a route reads: its name, its type and, for choices, the accepted values. The route table
 * carries them so that the API document and the bad-input tests cover exactly what the handlers parse.
 *
 * @param name the query parameter's name
 * @param type how its value is parsed
 * @param choices the accepted values of a {@link Type#CHOICE} or {@link Type#CHOICE_LIST}; empty otherwise
 * @param description one line for the API document
 */
public record Param(String name, Type type, List<String> choices, String description) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** How a value is parsed. */
    public enum Type {
        /** free text, trimmed, at most 255 characters, no NUL */
        TEXT,
        /** free text, repeatable ({@code ?x=a&x=b}), each value as {@link #TEXT} */
        TEXT_LIST,
        /** a whole number in a range */
        INTEGER,
        /** a positive id (1 to 18 ASCII digits) */
        ID,
        /** an ISO date, YYYY-MM-DD */
        DATE,
        /** {@code true} or anything else (the original's loose flags) */
        FLAG,
        /** one of {@link #choices()}, exactly */
        CHOICE,
        /** comma-separated values, each one of {@link #choices()} */
        CHOICE_LIST,
        /** comma-separated fields of {@link #choices()}, each optionally prefixed with {@code -} (descending) */
        ORDERING
    }

    public Param {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower-case snake_case, was " + name);
        }
        choices = List.copyOf(choices);
        boolean hasChoices = type == Type.CHOICE || type == Type.CHOICE_LIST || type == Type.ORDERING;
        if (hasChoices == choices.isEmpty()) {
            throw new IllegalArgumentException("param " + name + ": choices must be given exactly for CHOICE, "
                    + "CHOICE_LIST and ORDERING, type was " + type + " with " + choices.size() + " choices");
        }
    }

    public static Param text(String name, String description) {
        return new Param(name, Type.TEXT, List.of(), description);
    }

    public static Param textList(String name, String description) {
        return new Param(name, Type.TEXT_LIST, List.of(), description);
    }

    public static Param ordering(String name, Collection<String> fields, String description) {
        return new Param(name, Type.ORDERING, List.copyOf(new TreeSet<>(fields)), description);
    }

    public static Param integer(String name, String description) {
        return new Param(name, Type.INTEGER, List.of(), description);
    }

    public static Param id(String name, String description) {
        return new Param(name, Type.ID, List.of(), description);
    }

    public static Param date(String name, String description) {
        return new Param(name, Type.DATE, List.of(), description);
    }

    public static Param flag(String name, String description) {
        return new Param(name, Type.FLAG, List.of(), description);
    }

    public static Param choice(String name, Collection<String> choices, String description) {
        return new Param(name, Type.CHOICE, List.copyOf(choices), description);
    }

    public static Param choiceList(String name, Collection<String> choices, String description) {
        return new Param(name, Type.CHOICE_LIST, List.copyOf(choices), description);
    }
}
