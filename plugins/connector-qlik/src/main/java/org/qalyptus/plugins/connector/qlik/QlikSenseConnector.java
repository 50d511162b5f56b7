package org.qalyptus.plugins.connector.qlik;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;
import org.qalyptus.spi.ConnectionTestResult;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.app.AppModel.AppInfo;
import org.qalyptus.spi.app.AppSession;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import tools.jackson.databind.JsonNode;

/**
 * Qlik Sense, type {@code QlikSense}: Qlik Cloud tenants and client-managed Qlik Sense Enterprise, through the
 * Engine JSON-RPC API over WebSocket (one Engine session per execution) and the REST services that list apps
 * (Qlik Cloud items API, client-managed QRS). See the plugin's README.
 */
@Extension
public class QlikSenseConnector implements AppConnector {

    public static final String TYPE_ID = "QlikSense";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_APP_PAGES = 100;

    @Override
    public String typeId() {
        return TYPE_ID;
    }

    @Override
    public String displayName() {
        return "Qlik Sense";
    }

    @Override
    public List<ConfigField> configFields() {
        return QlikSettings.fields();
    }

    @Override
    public ConnectionTestResult test(Config config) {
        try {
            List<AppInfo> apps = listApps(config);
            return ConnectionTestResult.ok("Connected to " + new QlikSettings(config).base.getHost() + ": " + apps.size()
                    + " app(s) visible to this user");
        } catch (ExtensionException e) {
            return ConnectionTestResult.failed(e.getMessage());
        }
    }

    @Override
    public List<AppInfo> listApps(Config config) {
        QlikSettings settings = new QlikSettings(config);
        HttpClient http = settings.httpClient();
        Map<String, String> auth = settings.authHeaders(http);
        return settings.cloud ? cloudApps(settings, http, auth) : repositoryApps(settings, http, auth);
    }

    private static List<AppInfo> cloudApps(QlikSettings settings, HttpClient http, Map<String, String> auth) {
        List<AppInfo> apps = new ArrayList<>();
        URI next = settings.restUri("/api/v1/items?resourceType=app&limit=100");
        for (int page = 0; next != null && page < MAX_APP_PAGES; page++) {
            JsonNode json = getJson(settings, http, auth, next, "Qlik Cloud's items API");
            for (JsonNode item : json.path("data")) {
                apps.add(new AppInfo(item.path("resourceId").asString(), item.path("name").asString(""), item.path("description").asString(""),
                        QlikSession.instant(item.path("resourceAttributes").path("lastReloadTime").asString(""))));
            }
            String href = json.path("links").path("next").path("href").asString("");
            next = href.isEmpty() ? null : settings.restUri("/").resolve(href);
        }
        return apps;
    }

    private static List<AppInfo> repositoryApps(QlikSettings settings, HttpClient http, Map<String, String> auth) {
        // QRS refuses requests without a matching xrfkey parameter and header (its CSRF guard).
        String key = xrfkey();
        JsonNode json = getJson(settings, http, auth, settings.restUri("/qrs/app/full?xrfkey=" + key), "the Qlik Sense repository (QRS)",
                "X-Qlik-Xrfkey", key);
        List<AppInfo> apps = new ArrayList<>();
        for (JsonNode app : json) {
            apps.add(new AppInfo(app.path("id").asString(), app.path("name").asString(""), app.path("description").asString(""),
                    QlikSession.instant(app.path("lastReloadTime").asString(""))));
        }
        return apps;
    }

    private static String xrfkey() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            key.append(letters.charAt(RANDOM.nextInt(letters.length())));
        }
        return key.toString();
    }

    private static JsonNode getJson(QlikSettings settings, HttpClient http, Map<String, String> auth, URI uri, String service,
            String... extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout).header("Accept", "application/json");
        auth.forEach(request::header);
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            request.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        HttpResponse<String> response = Rest.send(http, request.GET().build());
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ExtensionException("Qlik Sense refused the credentials (HTTP " + status + " from " + service + ")", false);
        }
        if (status == 404) {
            throw new ExtensionException(service + " was not found at " + uri.getHost() + " (HTTP 404): check the URL, the deployment "
                    + "and the virtual proxy prefix", false);
        }
        if (status != 200) {
            throw new ExtensionException(service + " answered HTTP " + status, status >= 500);
        }
        try {
            return EngineConnection.JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new ExtensionException(service + " did not answer JSON (is the URL a Qlik Sense address?)", false, e);
        }
    }

    @Override
    public AppSession open(Config config, String appId) {
        if (appId == null || appId.isBlank()) {
            throw new ExtensionException("No Qlik Sense app id given", false);
        }
        QlikSettings settings = new QlikSettings(config);
        QlikSession session = new QlikSession(settings, appId);
        if (settings.maxDataAge != null) {
            refuseStaleData(session, settings.maxDataAge, java.time.Instant.now());
        }
        return session;
    }

    /** The data freshness guard: closes the session and fails when the app's last reload is older than allowed. */
    static void refuseStaleData(QlikSession session, java.time.Duration maxAge, java.time.Instant now) {
        java.time.Instant reloaded = session.app().lastReloadTime();
        if (reloaded != null && !reloaded.isBefore(now.minus(maxAge))) {
            return;
        }
        session.close();
        String when = reloaded == null ? "has never been reloaded"
                : "was last reloaded at " + reloaded + " (" + java.time.Duration.between(reloaded, now).toMinutes() + " minutes ago)";
        // Retryable: a reload of the app makes the same run succeed.
        throw new ExtensionException("App '" + session.app().name() + "' " + when + "; this connection renders only from data at most "
                + maxAge.toMinutes() + " minutes old", true);
    }
}
