package io.tickettriage.sim.freshdesk;

import io.tickettriage.sim.Fault;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The error answers of the Freshdesk contract, with their texts verbatim. Freshdesk has three body shapes:
 * validation errors ({@code description} + {@code errors}), request errors ({@code code} + {@code message}) and
 * base errors ({@code message} only).
 */
final class ApiErrors {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ApiErrors() {
    }

    static Reply validationFailed(List<FieldError> errors) {
        ObjectNode body = JSON.objectNode().put("description", "Validation failed");
        ArrayNode array = body.putArray("errors");
        errors.forEach(error -> array.addObject()
                .put("field", error.field())
                .put("message", error.message())
                .put("code", error.code()));
        return Reply.json(400, body);
    }

    static Reply invalidCredentials() {
        return requestError(401, "invalid_credentials", "You have to be logged in to perform this action.");
    }

    static Reply invalidJson() {
        return requestError(400, "invalid_json", "Request body has invalid json format");
    }

    static Reply missingParams() {
        return requestError(400, "missing_params",
                "Your update call does not have any parameter. Atleast one parameter is required.");
    }

    /** @param contentType the request's media type; [GUESS] empty when the header is missing */
    static Reply invalidContentType(String contentType) {
        return requestError(415, "invalid_content_type",
                "Content-Type header is set to " + contentType + ". It should be set to application/json");
    }

    /** Freshdesk answers an unknown route or id with {@code head 404}: no body at all. */
    static Reply notFound() {
        return Reply.empty(404);
    }

    static Reply methodNotAllowed(String method, Route route) {
        return baseError(405, method + " method is not allowed. It should be one of these method(s): "
                + route.allowHeader())
                .withHeader("Allow", route.allowHeader());
    }

    static Reply rateLimited(long retryAfterSeconds) {
        return baseError(429, "You have exceeded the limit of requests per hour")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    static Reply internalError() {
        return baseError(500, "We're sorry, but something went wrong.");
    }

    /** What a scripted {@link Fault} answers: the contract's body for its status where the notes give one. */
    static Reply forFault(Fault fault, ApiRequest request, Route route) {
        return switch (fault.status()) {
            case 400 -> invalidJson();
            case 401 -> invalidCredentials();
            case 403 -> requestError(403, "access_denied", "You are not authorized to perform this action.");
            case 405 -> methodNotAllowed(request.method(), route);
            case 409 -> requestError(409, "duplicate_value", "Record already exists.");
            case 415 -> invalidContentType(request.mediaType());
            case 429 -> rateLimited(fault.retryAfterSeconds());
            case 500 -> internalError();
            // 404 is bodiless in Freshdesk too. [GUESS] For the rest the notes give no body (502-504 come from the
            // infrastructure in front of Freshdesk), so none is sent rather than an invented one.
            default -> Reply.empty(fault.status());
        };
    }

    private static Reply requestError(int status, String code, String message) {
        return Reply.json(status, JSON.objectNode().put("code", code).put("message", message));
    }

    private static Reply baseError(int status, String message) {
        return Reply.json(status, JSON.objectNode().put("message", message));
    }
}
