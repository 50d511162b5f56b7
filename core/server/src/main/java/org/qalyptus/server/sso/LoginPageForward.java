package org.qalyptus.server.sso;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console is a single-page app: a reload or a bookmark on one of its routes must get its page, whose router
 * then shows the view. {@code /login} is among them (the sign-in redirects end there).
 *
 * <p>Only the console's own top-level sections are mapped, each with everything below it, instead of a catch-all:
 * a catch-all would shadow the REST API's and actuator's 404s, GraphQL, GraphiQL, the OpenAPI description and the
 * static assets (a missing {@code /assets/x.js} must stay a 404, not become HTML). The sections are the ones of
 * {@code web-console/src/console/routes.ts}; ConsoleRoutesTest checks both lists.
 */
@Controller
class LoginPageForward {

    @GetMapping({"/login", "/projects", "/projects/**", "/reports", "/reports/**", "/filters", "/filters/**",
            "/conditions", "/conditions/**", "/tasks", "/tasks/**", "/status", "/status/**", "/hub", "/hub/**",
            "/admin", "/admin/**"})
    String consolePage() {
        return "forward:/index.html";
    }
}
