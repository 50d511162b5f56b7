package org.qalyptus.server.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param publicUrl the address people reach the console at, used in invitation links; when unset, the
 *     address the inviting request came in on
 * @param from the sender of invitation emails
 * @param lifetime how long an invitation link stays valid
 */
@ConfigurationProperties("qalyptus.invitations")
public record InvitationProperties(String publicUrl, @DefaultValue("no-reply@qalyptus.local") String from,
        @DefaultValue("7d") Duration lifetime) {}
