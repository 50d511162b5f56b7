package org.qalyptus.server.sso;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address browsers reach the server at (callback and console URLs are built on it); when
 *     unset, the address the sign-in request came in on
 * @param loginLifetime how long a started sign-in may take before its callback is refused
 * @param handoffLifetime how long the console has to exchange the one-time code for a session token
 */
@ConfigurationProperties("qalyptus.sso")
public record SsoProperties(String publicUrl, @DefaultValue("10m") Duration loginLifetime,
        @DefaultValue("60s") Duration handoffLifetime) {}
