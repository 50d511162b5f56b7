package org.qalyptus.plugins.idp.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.qalyptus.spi.identity.LoginFailedException;
import org.qalyptus.spi.identity.LoginFailedException.Reason;

/**
 * The plugin's calls to the provider: JSON over HTTP with short timeouts, no redirects followed (an endpoint
 * that moves is a configuration change, not something to follow silently) and a size cap on answers.
 */
final class ProviderHttp {

    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** An answer of the provider: its status and its body parsed as a JSON object (empty when it is not one). */
    record JsonAnswer(int status, Map<String, Object> body) {}

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    JsonAnswer get(URI uri, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build(), uri);
    }

    JsonAnswer postForm(URI uri, Map<String, String> form, String basicAuthorization) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(encode(k) + "=" + encode(v)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (basicAuthorization != null) {
            request.header("Authorization", basicAuthorization);
        }
        return send(request.build(), uri);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonAnswer send(HttpRequest request, URI uri) {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(uri, "could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(uri, "was interrupted", e);
        }
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw unavailable(uri, "answer could not be read", e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw unavailable(uri, "answered more than " + MAX_BODY_BYTES + " bytes", null);
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            json = Map.of();
        }
        return new JsonAnswer(response.statusCode(), json);
    }

    static LoginFailedException unavailable(URI uri, String what, Throwable cause) {
        return new LoginFailedException(Reason.PROVIDER_UNAVAILABLE,
                "The identity provider's endpoint " + withoutQuery(uri) + " " + what, cause);
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
    }
}
