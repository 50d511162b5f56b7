package org.qalyptus.server.filter;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.qalyptus.server.app.AppService;
import org.qalyptus.server.app.OrganizationApp;
import org.qalyptus.server.web.ApiException;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.InvalidConfigException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The apps of an organization as filters and conditions validate against them: whether an app named by a
 * request is one of the organization's (400 naming the request field when not), sessions on it
 * ({@link OpenApp}), and which app holds an element the request names by its stable id only.
 *
 * <p>A connector that fails answers 502: the request may be right, the app could not tell.
 */
@Component
public class AppElements {

    private final AppService apps;

    AppElements(AppService apps) {
        this.apps = apps;
    }

    /** The organization's app, or 400 naming {@code field} when it has none with this id. */
    public OrganizationApp requireApp(String organizationId, String appId, String field) {
        Optional<OrganizationApp> app;
        try {
            app = apps.find(organizationId, appId);
        } catch (ExtensionException cannotList) {
            // the app is most likely behind a connection that cannot list its apps: say why, not "no such app"
            throw new ApiException(HttpStatus.BAD_GATEWAY, cannotList.getMessage(), null);
        }
        return app.orElseThrow(() -> ApiException.invalid(field, "is not an app of the organization"));
    }

    /**
     * Opens an app of the organization; the caller closes it.
     *
     * @throws ApiException 400 naming {@code field} when the organization has no such app, 502 when it cannot be opened
     */
    public OpenApp open(String organizationId, String appId, String field) {
        OrganizationApp app = requireApp(organizationId, appId, field);
        try {
            return new OpenApp(app, apps.open(organizationId, appId));
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw ApiException.invalid(field, "is not an app of the organization");
            }
            throw e;
        } catch (ExtensionException | InvalidConfigException e) {
            throw unreachable(app.name(), e);
        }
    }

    /**
     * The app of the organization that holds an element for which {@code holds} is true, looked for app after
     * app (for requests that name an element by its id alone, which is unique across apps).
     */
    public Optional<String> appHolding(String organizationId, Predicate<OpenApp> holds) {
        List<OrganizationApp> candidates = apps.apps(organizationId);
        for (OrganizationApp candidate : candidates) {
            try (OpenApp app = new OpenApp(candidate, apps.open(organizationId, candidate.id()))) {
                if (holds.test(app)) {
                    return Optional.of(candidate.id());
                }
            } catch (ExtensionException | InvalidConfigException | ApiException unreadable) {
                // an app that cannot be read holds nothing we can name
            }
        }
        return Optional.empty();
    }

    static ApiException unreachable(String appName, RuntimeException cause) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "The app '" + appName + "' could not be read: " + cause.getMessage(),
                null);
    }
}
