package org.qalyptus.server.sso;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.qalyptus.testprovider.TestOidcProvider;

/**
 * A browser without a screen: keeps cookies, follows redirects one at a time, and fills in the provider's login
 * form when it shows up.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String username;

    Browser(String username) {
        this.username = username;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
    }

    /**
     * Follows redirects from {@code url}, signing in at the provider's login form, until a redirect goes to a URL
     * {@code stop} accepts; returns that URL (not visited).
     */
    String walk(String url, Predicate<String> stop) {
        String current = url;
        for (int step = 0; step < 20; step++) {
            HttpResponse<String> response = get(current);
            if (response.statusCode() == 200 && current.endsWith("/login") && response.body().contains("_csrf")) {
                response = submitLogin(current, response.body());
            }
            if (response.statusCode() / 100 != 3) {
                throw new AssertionError("Expected a redirect from " + current + ", got " + response.statusCode() + ": "
                        + response.body());
            }
            String location = URI.create(current).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
            if (stop.test(location)) {
                return location;
            }
            current = location;
        }
        throw new AssertionError("Too many redirects from " + url);
    }

    private HttpResponse<String> submitLogin(String loginUrl, String page) {
        Matcher csrf = CSRF.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("No CSRF token in the login page");
        }
        String form = "username=" + enc(username) + "&password=" + enc(TestOidcProvider.PASSWORD) + "&_csrf=" + enc(csrf.group(1));
        return send(HttpRequest.newBuilder(URI.create(loginUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
