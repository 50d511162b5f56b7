package org.qalyptus.server.task;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.qalyptus.server.app.AppElementIds;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.SelectionState;
import org.qalyptus.spi.app.AppModel.VariableInfo;
import org.qalyptus.spi.app.AppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The apps of a task's organization and the variables of those apps, as tasks refer to them. */
@Component
class TaskApps {

    private static final Logger log = LoggerFactory.getLogger(TaskApps.class);

    private final AppService apps;

    TaskApps(AppService apps) {
        this.apps = apps;
    }

    /** The organization's apps by id. */
    Map<String, OrganizationApp> of(String organizationId) {
        return apps.apps(organizationId).stream()
                .collect(Collectors.toMap(OrganizationApp::id, Function.identity(), (a, b) -> a));
    }

    /**
     * The variable of one of {@code appIds} whose API id is {@code variableId}, looked up app by app; apps
     * that cannot be opened are skipped.
     */
    Optional<VariableRef> variable(String organizationId, Collection<String> appIds, String variableId) {
        for (String appId : new LinkedHashSet<>(appIds)) {
            for (String name : variableNames(organizationId, appId)) {
                if (AppElementIds.variable(appId, name).equals(variableId)) {
                    return Optional.of(VariableRef.of(appId, name));
                }
            }
        }
        return Optional.empty();
    }

    private List<String> variableNames(String organizationId, String appId) {
        try (AppSession session = apps.open(organizationId, appId)) {
            return session.variables(SelectionState.EMPTY).stream().map(VariableInfo::name).toList();
        } catch (ApiException | ExtensionException e) {
            log.debug("App {} of organization {} cannot be read: {}", appId, organizationId, e.getMessage());
            return List.of();
        }
    }
}
