package org.qalyptus.server.web;

import jakarta.validation.Validator;
import java.util.List;
import org.qalyptus.server.web.ApiResponse.FieldError;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Checks a request's Bean Validation constraints inside a service, so every API that calls the service
 * (REST, GraphQL) gets the same refusal. Field names and messages are those REST gave when the
 * constraints were checked by {@code @Valid} on the controller: the same validator through Spring's
 * adapter, which names fields the way data binding does ({@code organizations[0]}).
 */
@Component
public class RequestValidator {

    private final SpringValidatorAdapter validator;

    RequestValidator(Validator validator) {
        this.validator = validator instanceof SpringValidatorAdapter adapter ? adapter : new SpringValidatorAdapter(validator);
    }

    /**
     * @return the request, valid
     * @throws ApiException 400 listing every invalid field
     */
    public <T> T valid(T request) {
        if (request == null) {
            throw ApiException.badRequest("The request body is missing or unreadable");
        }
        Errors errors = validator.validateObject(request);
        if (errors.hasFieldErrors()) {
            List<FieldError> fields = errors.getFieldErrors().stream()
                    .map(f -> new FieldError(f.getField(), f.getDefaultMessage())).toList();
            throw ApiException.invalid(fields);
        }
        return request;
    }
}
