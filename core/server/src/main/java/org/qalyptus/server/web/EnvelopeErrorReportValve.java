package org.qalyptus.server.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page for requests refused before they reach Spring (an encoded slash in the path, an
 * invalid URI, a header too large), written in the API's envelope instead of Tomcat's HTML page, so a
 * client always gets the same error format and no server version.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // Make sure the error is not swallowed by a request that is already being reported elsewhere.
        java.util.concurrent.atomic.AtomicBoolean result = new java.util.concurrent.atomic.AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, result);
        if (!result.get()) {
            return;
        }
        String reason = switch (status) {
            case 400 -> "The request is malformed (for example an encoded '/' or an invalid character in its path)";
            case 404 -> "Not found";
            case 413 -> "The request is too large";
            case 414 -> "The request URI is too long";
            case 431 -> "The request headers are too large";
            default -> "The request was refused";
        };
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(ApiResponse.failure(reason, null)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written: nothing more to say.
        }
    }
}
