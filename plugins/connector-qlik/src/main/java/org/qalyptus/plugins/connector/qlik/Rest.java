package org.qalyptus.plugins.connector.qlik;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends REST requests to Qlik Sense, turning transport failures into messages naming the cause. */
final class Rest {

    private Rest() {}

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        return send(http, request, HttpResponse.BodyHandlers.ofString());
    }

    static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw EngineConnection.connectFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.qalyptus.spi.ExtensionException("Interrupted while calling Qlik Sense", true, e);
        }
    }
}
