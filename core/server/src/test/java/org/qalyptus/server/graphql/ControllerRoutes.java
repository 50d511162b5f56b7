package org.qalyptus.server.graphql;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.qalyptus.server.support.RestRoutes;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The API routes the server's controllers declare, read from their annotations (no server needed), and
 * which of them go beyond the reference's rest-routes.tsv.
 */
final class ControllerRoutes {

    private ControllerRoutes() {}

    /** One handler: method and path as the controller spells them, and what it consumes and answers. */
    record Handler(String method, String path, Method handler, List<String> consumes, List<String> produces) {

        String key() {
            return method + " " + path;
        }

        /**
         * Whether the route takes a multipart upload or raw body bytes (a signed webhook), or answers a file's
         * bytes: what GraphQL does not carry.
         */
        boolean multipartOrBinary() {
            if (consumes.stream().anyMatch(c -> c.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE))) {
                return true;
            }
            for (java.lang.reflect.Parameter parameter : handler.getParameters()) {
                if (parameter.getType() == byte[].class
                        && parameter.isAnnotationPresent(org.springframework.web.bind.annotation.RequestBody.class)) {
                    return true;
                }
            }
            Type answer = handler.getGenericReturnType();
            if (answer instanceof ParameterizedType parameterized && parameterized.getRawType() == ResponseEntity.class) {
                answer = parameterized.getActualTypeArguments()[0];
            }
            return answer == byte[].class || answer == StreamingResponseBody.class
                    || answer instanceof Class<?> c && Resource.class.isAssignableFrom(c);
        }
    }

    /** Every /api/v1 route of the controllers. */
    static List<Handler> all() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(RestController.class));
        List<Handler> handlers = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("org.qalyptus.server")) {
            Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), ControllerRoutes.class.getClassLoader());
            RequestMapping root = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            List<String> prefixes = root == null || root.path().length == 0 ? List.of("") : Arrays.asList(root.path());
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = mapping.path().length == 0 ? List.of("") : Arrays.asList(mapping.path());
                for (String prefix : prefixes) {
                    for (String path : paths) {
                        String full = prefix + path;
                        if (!full.startsWith("/api/v1")) {
                            continue;
                        }
                        for (var verb : mapping.method()) {
                            handlers.add(new Handler(verb.name(), full, method, Arrays.asList(mapping.consumes()),
                                    Arrays.asList(mapping.produces())));
                        }
                    }
                }
            }
        }
        return handlers;
    }

    /** The routes of the controllers that rest-routes.tsv does not list (compared by shape: parameter names differ). */
    static List<Handler> extensions() {
        Set<String> reference = new HashSet<>();
        RestRoutes.all().forEach(r -> reference.add(r.method() + " " + r.shape()));
        Set<String> seen = new HashSet<>();
        return all().stream().filter(h -> !reference.contains(h.method() + " " + RestRoutes.shape(h.path())))
                .filter(h -> seen.add(h.key())).toList();
    }
}
