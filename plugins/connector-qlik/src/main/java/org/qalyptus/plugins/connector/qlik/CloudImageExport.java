package org.qalyptus.plugins.connector.qlik;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.qalyptus.spi.ExtensionException;
import org.qalyptus.spi.app.AppModel.ImageRequest;
import org.qalyptus.spi.app.AppModel.SelectionState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chart images through Qlik Cloud's reports API: {@code POST /api/v1/reports} with a {@code sense-image-1.0}
 * template (the visualization, its size, the field selections), answered 202 with a status {@code Location};
 * the status is polled until {@code done}, then the output's {@code location} is downloaded.
 */
final class CloudImageExport {

    private CloudImageExport() {}

    static void export(QlikSettings settings, HttpClient http, String appId, String objectId, SelectionState state,
            ImageRequest request, OutputStream out) {
        Map<String, String> auth = settings.authHeaders(http);
        ObjectNode body = EngineConnection.JSON.createObjectNode();
        body.put("type", "sense-image-1.0");
        ObjectNode template = body.putObject("senseImageTemplate");
        template.put("appId", appId);
        ObjectNode visualization = template.putObject("visualization");
        visualization.put("id", objectId).put("type", "visualization").put("widthPx", request.width()).put("heightPx", request.height());
        ArrayNode selections = template.putObject("selectionsByState").putArray("$");
        state.fields().forEach((field, values) -> {
            if (!values.isEmpty()) {
                ObjectNode s = selections.addObject();
                s.put("fieldName", field);
                s.put("defaultIsNumeric", false);
                ArrayNode v = s.putArray("values");
                values.forEach(value -> v.addObject().put("text", value).put("isNumeric", false));
            }
        });
        ObjectNode output = body.putObject("output");
        output.put("outputId", "image").put("type", "image");
        output.putObject("imageOutput").put("outDpi", 96).put("outZoom", 1).put("outFormat", request.format().toLowerCase(java.util.Locale.ROOT)
                .equals("png") ? "png" : "jpeg");
        HttpResponse<String> queued = Rest.send(http, authorized(HttpRequest.newBuilder(settings.restUri("/api/v1/reports")), auth, settings)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (queued.statusCode() != 202 || queued.headers().firstValue("Location").isEmpty()) {
            throw new ExtensionException("Qlik Cloud's reports API refused the image export of object " + objectId + " (HTTP "
                    + queued.statusCode() + ")", queued.statusCode() >= 500);
        }
        URI status = settings.restUri("/").resolve(queued.headers().firstValue("Location").get());
        Instant deadline = Instant.now().plus(settings.timeout.multipliedBy(4));
        long wait = 200;
        while (true) {
            HttpResponse<String> answer = Rest.send(http, authorized(HttpRequest.newBuilder(status), auth, settings).GET().build());
            JsonNode json = answer.statusCode() == 200 ? EngineConnection.JSON.readTree(answer.body()) : null;
            String s = json == null ? "failed (HTTP " + answer.statusCode() + ")" : json.path("status").asString("");
            if (s.equals("done")) {
                download(settings, http, auth, status.resolve(json.path("results").path(0).path("location").asString()), out);
                return;
            }
            if (s.startsWith("failed") || s.equals("aborted")) {
                throw new ExtensionException("Qlik Cloud could not export the image of object " + objectId + ": " + s, false);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ExtensionException("Qlik Cloud did not export the image of object " + objectId + " in time", true);
            }
            sleep(wait);
            wait = Math.min(2000, wait * 2);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, Map<String, String> auth, QlikSettings settings) {
        auth.forEach(builder::header);
        return builder.timeout(settings.timeout);
    }

    private static void download(QlikSettings settings, HttpClient http, Map<String, String> auth, URI location, OutputStream out) {
        HttpResponse<InputStream> image = Rest.send(http, authorized(HttpRequest.newBuilder(location), auth, settings).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = image.body()) {
            if (image.statusCode() != 200) {
                throw new ExtensionException("Qlik Cloud's exported image could not be downloaded (HTTP " + image.statusCode() + ")", true);
            }
            in.transferTo(out);
        } catch (IOException e) {
            throw new ExtensionException("Qlik Cloud's exported image could not be read: " + e.getMessage(), true, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionException("Interrupted while waiting for Qlik Cloud's image export", true, e);
        }
    }

}
