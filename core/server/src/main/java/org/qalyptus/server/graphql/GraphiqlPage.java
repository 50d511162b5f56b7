package org.qalyptus.server.graphql;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** GraphiQL at /graphiql: the page the web console's build bundles with all its assets (no CDN). */
@Controller
class GraphiqlPage {

    @GetMapping({"/graphiql", "/graphiql/"})
    String graphiql() {
        return "forward:/graphiql.html";
    }
}
