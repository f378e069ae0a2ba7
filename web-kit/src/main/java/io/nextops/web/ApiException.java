package io.nextops.web;

import java.util.List;

/**
 * A request that cannot be served, with everything the error envelope {@code {code, message, errors: [{field,
 * message}]}} needs. The {@link Kind} says what went wrong; the server turns it into an HTTP status. Unchecked.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of HTTP. */
    public enum Kind {
        /** the request is malformed or a value is invalid (every bad field is listed) */
        VALIDATION,
        /** no valid credentials */
        NOT_AUTHENTICATED,
        /** authenticated but not allowed */
        PERMISSION_DENIED,
        /** the resource does not exist or was deleted */
        NOT_FOUND,
        /** the method is not supported on this resource */
        METHOD_NOT_ALLOWED,
        /** a uniqueness rule or concurrent change */
        CONFLICT,
        /** the body is not of an accepted media type */
        UNSUPPORTED_MEDIA_TYPE,
        /** the body is larger than allowed */
        PAYLOAD_TOO_LARGE,
        /** too many attempts; retry later */
        RATE_LIMITED,
        /** the server cannot serve it now (overload, memory pressure); retry later */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final transient List<FieldError> errors;
    private final long retryAfterSeconds;
    private final transient List<String> allowedMethods;

    public ApiException(Kind kind, String code, String message, List<FieldError> errors) {
        this(kind, code, message, errors, 0, List.of());
    }

    private ApiException(Kind kind, String code, String message, List<FieldError> errors, long retryAfterSeconds,
                         List<String> allowedMethods) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.allowedMethods = List.copyOf(allowedMethods);
    }

    /** 429-type: too many attempts; the client may retry after {@code retryAfterSeconds}. */
    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(Kind.RATE_LIMITED, "throttled", message, List.of(), retryAfterSeconds, List.of());
    }

    /** 503-type: the server cannot take it now; the client may retry after {@code retryAfterSeconds}. */
    public static ApiException unavailable(String code, String message, long retryAfterSeconds) {
        return new ApiException(Kind.UNAVAILABLE, code, message, List.of(), retryAfterSeconds, List.of());
    }

    public ApiException(Kind kind, String code, String message) {
        this(kind, code, message, List.of());
    }

    /** 400-type: invalid fields, each named. */
    public static ApiException validation(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : "Invalid input in " + errors.size() + " fields.";
        return new ApiException(Kind.VALIDATION, "validation_error", message, errors);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(Kind.NOT_FOUND, "not_found", what + " not found.");
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(Kind.CONFLICT, "conflict", message, List.of(new FieldError(field, message)));
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(Kind.PERMISSION_DENIED, "permission_denied", message);
    }

    public static ApiException notAuthenticated(String message) {
        return new ApiException(Kind.NOT_AUTHENTICATED, "not_authenticated", message);
    }

    public static ApiException methodNotAllowed(String method) {
        return methodNotAllowed(method, List.of());
    }

    /** 405 for {@code method}, naming the methods the path does serve (answered in the {@code Allow} header). */
    public static ApiException methodNotAllowed(String method, List<String> allowed) {
        return new ApiException(Kind.METHOD_NOT_ALLOWED, "method_not_allowed", "Method \"" + method + "\" not allowed.",
                List.of(), 0, allowed);
    }

    /** 404 for a path that no route serves. */
    public static ApiException noRoute() {
        return new ApiException(Kind.NOT_FOUND, "not_found", "Not found.");
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The methods the path serves, for the {@code Allow} header of a 405; empty otherwise. */
    public List<String> allowedMethods() {
        return allowedMethods;
    }

    /** Seconds after which a retry may succeed, or 0 when not applicable. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
