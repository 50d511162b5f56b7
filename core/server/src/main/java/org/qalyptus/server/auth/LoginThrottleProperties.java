package org.qalyptus.server.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on failed sign-ins.
 *
 * @param accountFailures failures allowed for one email before it is locked
 * @param clientFailures failures allowed from one client address (any emails) before it is locked
 * @param firstLock how long the first lock lasts; each further failure doubles it
 * @param maxLock the longest lock
 * @param forgetAfter failures are forgotten after this long without one
 */
@ConfigurationProperties("qalyptus.login.throttle")
public record LoginThrottleProperties(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("20") int clientFailures,
        @DefaultValue("30s") Duration firstLock,
        @DefaultValue("15m") Duration maxLock,
        @DefaultValue("1h") Duration forgetAfter) {}
