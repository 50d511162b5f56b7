package org.qalyptus.server.graphql;

import org.qalyptus.server.auth.Caller;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class ViewerGraphqlController {

    record Viewer(String userId, String email, String organizationId) {}

    @QueryMapping
    Viewer viewer(@ContextValue Caller caller) {
        return new Viewer(caller.userId(), caller.email(), caller.organizationId());
    }
}
