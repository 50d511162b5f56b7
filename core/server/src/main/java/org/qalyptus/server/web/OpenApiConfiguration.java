package org.qalyptus.server.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.qalyptus.server.auth.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document served at {@code /api/v1/openapi.json}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // The caller is resolved from the bearer credential, never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI qalyptusOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Qalyptus OSS API").version("v1")
                        .description("REST API compatible with the Qalyptus Cloud API v1. Every JSON answer is "
                                + "wrapped as {data, isSuccess, error, errorDetails}.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API key or a token from POST /api/v1/login")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
