package io.drip.kit.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every 4xx answer: a stable code, what was wrong, and where. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String field) {
}
