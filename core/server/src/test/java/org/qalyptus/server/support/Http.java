package org.qalyptus.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests that talk to the server as API clients do. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Http(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    /** A response with its body as text and, when the body is JSON, parsed. */
    public record Answer(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public JsonNode data() {
            return json().get("data");
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    public Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Answer postJson(String path, String token, String json) {
        return post(path, token, "application/json", BodyPublishers.ofString(json));
    }

    public Answer putJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
    }

    /** DELETE with a JSON body, as the bulk delete routes take. */
    public Answer deleteJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("DELETE", BodyPublishers.ofString(json)));
    }

    public Answer post(String path, String token, String contentType, BodyPublisher body) {
        HttpRequest.Builder request = request(path, token).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** POST of one file as the {@code multipart/form-data} part {@code partName}, as a browser's form sends it. */
    public Answer postFile(String path, String token, String partName, String fileName, byte[] content) {
        String boundary = "----qalyptus" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return post(path, token, "multipart/form-data; boundary=" + boundary, BodyPublishers.ofByteArray(body.toByteArray()));
    }

    public Answer send(HttpRequest.Builder request) {
        try {
            var response = client.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw bytes of a response (files). */
    public byte[] sendBytes(HttpRequest.Builder request) {
        return sendBytesResponse(request).body();
    }

    /** The whole response with its body as bytes (files with their status and headers). */
    public java.net.http.HttpResponse<byte[]> sendBytesResponse(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
