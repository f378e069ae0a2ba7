package io.nextops.web;

/**
 * One problem with one field of a request, as in the original's envelope {@code errors: [{field, message}]}.
 *
 * @param field the parameter or JSON field name (the original's Spanish name, e.g. {@code numero_factura})
 * @param message what is wrong, for a person
 */
public record FieldError(String field, String message) {}
