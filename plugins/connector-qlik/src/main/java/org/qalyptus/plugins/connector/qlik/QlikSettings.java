package org.qalyptus.plugins.connector.qlik;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.net.ssl.SSLContext;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.config.Config;
import org.qalyptus.spi.config.ConfigField;
import org.qalyptus.spi.config.ConfigFieldType;
import tools.jackson.databind.JsonNode;

/**
 * A connection's settings, read once per call: where Qlik Sense is (Qlik Cloud tenant, or a client-managed server
 * and its virtual proxy), how to authenticate, and how long to wait. Builds the HTTP client (with the client
 * certificate when one is configured), the Engine URL of an app, and the headers every request carries.
 */
final class QlikSettings {

    static final String DEPLOYMENT = "deployment";
    static final String CLOUD = "QlikCloud";
    static final String CLIENT_MANAGED = "ClientManaged";
    static final String URL = "url";
    static final String VIRTUAL_PROXY = "virtualProxy";
    static final String AUTHENTICATION = "authentication";
    static final String API_KEY = "ApiKey";
    static final String OAUTH = "OAuthClientCredentials";
    static final String HEADER = "Header";
    static final String JWT = "Jwt";
    static final String CERTIFICATE = "Certificate";
    static final String API_KEY_FIELD = "apiKey";
    static final String CLIENT_ID = "clientId";
    static final String CLIENT_SECRET = "clientSecret";
    static final String HEADER_NAME = "headerName";
    static final String USER_DIRECTORY = "userDirectory";
    static final String USER_ID = "userId";
    static final String JWT_TOKEN = "jwt";
    static final String CERTIFICATE_FILE = "certificateFile";
    static final String CERTIFICATE_PASSWORD = "certificatePassword";
    static final String TRUSTED_CERTIFICATES = "trustedCertificates";
    static final String TIMEOUT = "timeoutSeconds";
    static final String CLOUD_IMAGES = "cloudImageExport";
    static final String MAX_DATA_AGE = "maxDataAgeMinutes";

    static List<ConfigField> fields() {
        return List.of(
                ConfigField.select(DEPLOYMENT, "Deployment", CLOUD, CLIENT_MANAGED).asRequired().withDefault(CLOUD)
                        .withDescription("Qlik Cloud (a tenant) or client-managed Qlik Sense Enterprise (your own server)."),
                ConfigField.of(URL, "Tenant or server URL", ConfigFieldType.URL).asRequired()
                        .withDescription("Qlik Cloud: https://your-tenant.eu.qlikcloud.com. Client-managed: https://qlik.example.com "
                                + "(add :4747 for certificate authentication against the Engine directly)."),
                ConfigField.of(VIRTUAL_PROXY, "Virtual proxy prefix", ConfigFieldType.STRING)
                        .withDescription("Client-managed only: the prefix of the virtual proxy that authenticates these requests "
                                + "(for example 'reporting'); empty for the default proxy."),
                ConfigField.select(AUTHENTICATION, "Authentication", API_KEY, OAUTH, HEADER, JWT, CERTIFICATE).asRequired()
                        .withDefault(API_KEY)
                        .withDescription("Qlik Cloud: an API key or an OAuth client (client credentials). Client-managed: header "
                                + "authentication of a virtual proxy, a JWT, or a client certificate exported from the QMC."),
                ConfigField.of(API_KEY_FIELD, "API key", ConfigFieldType.STRING).asSecret(),
                ConfigField.of(CLIENT_ID, "OAuth client id", ConfigFieldType.STRING),
                ConfigField.of(CLIENT_SECRET, "OAuth client secret", ConfigFieldType.STRING).asSecret(),
                ConfigField.of(HEADER_NAME, "Authentication header", ConfigFieldType.STRING)
                        .withDescription("Header authentication: the header name the virtual proxy reads the user from."),
                ConfigField.of(USER_DIRECTORY, "User directory", ConfigFieldType.STRING)
                        .withDescription("Header or certificate authentication: the user's directory (for example INTERNAL)."),
                ConfigField.of(USER_ID, "User id", ConfigFieldType.STRING)
                        .withDescription("Header or certificate authentication: the user the reports run as (for example sa_api)."),
                ConfigField.of(JWT_TOKEN, "JWT", ConfigFieldType.TEXT).asSecret()
                        .withDescription("JWT authentication: the signed token the virtual proxy accepts."),
                ConfigField.of(CERTIFICATE_FILE, "Client certificate (PKCS#12)", ConfigFieldType.PATH)
                        .withDescription("Certificate authentication: the client.pfx exported from the QMC, on this server."),
                ConfigField.of(CERTIFICATE_PASSWORD, "Certificate password", ConfigFieldType.STRING).asSecret(),
                ConfigField.of(TRUSTED_CERTIFICATES, "Trusted certificates (PEM)", ConfigFieldType.PATH)
                        .withDescription("Client-managed Qlik Sense whose HTTPS certificate is issued by its own CA: a PEM file "
                                + "on this server with the certificates to trust besides the Java runtime's (the root.pem "
                                + "exported from the QMC with the client certificate)."),
                ConfigField.of(TIMEOUT, "Timeout (seconds)", ConfigFieldType.INTEGER).withDefault(30L)
                        .withDescription("How long to wait for Qlik Sense to answer one request."),
                ConfigField.of(CLOUD_IMAGES, "Chart images from Qlik Cloud", ConfigFieldType.BOOLEAN).withDefault(true)
                        .withDescription("Qlik Cloud: export chart images with Qlik's reporting service (the charts look as in "
                                + "Qlik). Off, or on client-managed Qlik Sense, charts are drawn from their data."),
                ConfigField.of(MAX_DATA_AGE, "Maximum data age (minutes)", ConfigFieldType.INTEGER)
                        .withDescription("Data freshness guard: an app whose last reload is older than this many minutes (or "
                                + "that was never reloaded) is not opened, so no report is rendered from stale data; the run "
                                + "fails with the app's reload time and can be run again after a reload. Empty: no limit."));
    }

    final boolean cloud;
    final URI base;
    final String prefix;
    final String authentication;
    final Duration timeout;
    final boolean cloudImages;
    /** The oldest reload an app may have to be opened, as an age; null: any. */
    final Duration maxDataAge;
    private final Config config;

    QlikSettings(Config config) {
        this.config = config;
        this.cloud = config.string(DEPLOYMENT).orElse(CLOUD).equals(CLOUD);
        String url = config.requireString(URL).strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.base = URI.create(url);
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ExtensionException("The Qlik Sense URL must start with https:// (or http://), not '" + url + "'", false);
        }
        String p = config.string(VIRTUAL_PROXY).orElse("").strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = cloud ? "" : p;
        this.authentication = config.string(AUTHENTICATION).orElse(API_KEY);
        this.timeout = Duration.ofSeconds(Math.max(1, Math.min(600, config.integer(TIMEOUT).orElse(30L))));
        this.cloudImages = cloud && !Boolean.FALSE.equals(config.asMap().get(CLOUD_IMAGES));
        long maxAgeMinutes = config.integer(MAX_DATA_AGE).orElse(0L);
        if (maxAgeMinutes < 0) {
            throw new ExtensionException("The maximum data age must be a positive number of minutes", false);
        }
        this.maxDataAge = maxAgeMinutes == 0 ? null : Duration.ofMinutes(maxAgeMinutes);
        checkCredentials();
    }

    private void checkCredentials() {
        List<String> missing = switch (authentication) {
            case API_KEY -> missing(API_KEY_FIELD);
            case OAUTH -> missing(CLIENT_ID, CLIENT_SECRET);
            case HEADER -> missing(HEADER_NAME, USER_ID);
            case JWT -> missing(JWT_TOKEN);
            case CERTIFICATE -> missing(CERTIFICATE_FILE, USER_DIRECTORY, USER_ID);
            default -> List.of();
        };
        if (cloud && !(authentication.equals(API_KEY) || authentication.equals(OAUTH))) {
            throw new ExtensionException("Qlik Cloud connections authenticate with an API key or an OAuth client, not "
                    + authentication, false);
        }
        if (!missing.isEmpty()) {
            throw new ExtensionException(authentication + " authentication needs " + String.join(" and ", missing), false);
        }
    }

    private List<String> missing(String... names) {
        return java.util.Arrays.stream(names).filter(n -> config.string(n).map(String::isBlank).orElse(true)).toList();
    }

    /**
     * The HTTP client for this connection; with the client certificate when certificate authentication is used, and
     * trusting the configured certificates besides the Java runtime's.
     */
    HttpClient httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        boolean certificate = authentication.equals(CERTIFICATE);
        Optional<String> trusted = config.string(TRUSTED_CERTIFICATES).filter(t -> !t.isBlank());
        if (certificate || trusted.isPresent()) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(certificate ? keyManagers() : null, trusted.isPresent() ? trustManagers(Path.of(trusted.get())) : null,
                        new SecureRandom());
                builder.sslContext(context);
            } catch (GeneralSecurityException e) {
                throw new ExtensionException("TLS cannot be set up for Qlik Sense: " + e.getMessage(), false, e);
            }
        }
        return builder.build();
    }

    private KeyManager[] keyManagers() {
        Path file = Path.of(config.requireString(CERTIFICATE_FILE));
        char[] password = config.string(CERTIFICATE_PASSWORD).orElse("").toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            return keys.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new ExtensionException("The client certificate " + file + " cannot be read: " + e.getMessage(), false, e);
        }
    }

    /** The Java runtime's trusted certificates plus those of a PEM file. */
    private static TrustManager[] trustManagers(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory runtime = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            runtime.init((KeyStore) null);
            int i = 0;
            for (TrustManager manager : runtime.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate issuer : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("runtime-" + i++, issuer);
                    }
                }
            }
            int added = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("configured-" + added++, certificate);
            }
            if (added == 0) {
                throw new ExtensionException("The trusted certificates file " + pem + " holds no PEM certificate", false);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new ExtensionException("The trusted certificates file " + pem + " cannot be read: " + e.getMessage(), false, e);
        }
    }

    /**
     * The base of a service: through the (virtual) proxy, or, with certificate authentication and no port in the
     * URL, straight to the service's own port (Engine 4747, repository 4242) as Qlik's certificates are meant for.
     */
    private String root(int certificatePort) {
        String root = base.toString();
        if (authentication.equals(CERTIFICATE) && base.getPort() < 0) {
            root = base.getScheme() + "://" + base.getHost() + ":" + certificatePort + (base.getRawPath() == null ? "" : base.getRawPath());
        }
        return root + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The Engine WebSocket of an app: {@code wss://host[/prefix]/app/{appId}}. */
    URI engineUri(String appId) {
        String ws = root(4747).replaceFirst("^https", "wss").replaceFirst("^http", "ws");
        return URI.create(ws + "/app/" + URLEncoder.encode(appId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    URI restUri(String path) {
        return URI.create(root(4242) + path);
    }

    /** The headers that authenticate every request; fetches an OAuth token when the connection uses a client. */
    Map<String, String> authHeaders(HttpClient http) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (authentication) {
            case API_KEY -> headers.put("Authorization", "Bearer " + config.requireString(API_KEY_FIELD));
            case JWT -> headers.put("Authorization", "Bearer " + config.requireString(JWT_TOKEN).strip());
            case OAUTH -> headers.put("Authorization", "Bearer " + oauthToken(http));
            case HEADER -> headers.put(config.requireString(HEADER_NAME), userValue(false));
            case CERTIFICATE -> headers.put("X-Qlik-User", userValue(true));
            default -> throw new ExtensionException("Unknown authentication '" + authentication + "'", false);
        }
        return headers;
    }

    private String userValue(boolean certificate) {
        String directory = config.string(USER_DIRECTORY).orElse("");
        String user = config.requireString(USER_ID);
        if (certificate) {
            return "UserDirectory=" + directory + "; UserId=" + user;
        }
        return directory.isBlank() ? user : directory + "\\" + user;
    }

    private String oauthToken(HttpClient http) {
        String body = EngineConnection.JSON.writeValueAsString(Map.of("client_id", config.requireString(CLIENT_ID),
                "client_secret", config.requireString(CLIENT_SECRET), "grant_type", "client_credentials"));
        HttpResponse<String> response = Rest.send(http, HttpRequest.newBuilder(URI.create(base + "/oauth/token")).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() == 400 || response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ExtensionException("Qlik Cloud refused the OAuth client credentials (HTTP " + response.statusCode() + ")", false);
        }
        if (response.statusCode() != 200) {
            throw new ExtensionException("Qlik Cloud's token endpoint answered HTTP " + response.statusCode(), true);
        }
        JsonNode token = EngineConnection.JSON.readTree(response.body());
        if (!token.hasNonNull("access_token")) {
            throw new ExtensionException("Qlik Cloud's token endpoint gave no access token", true);
        }
        return token.get("access_token").asString();
    }
}
