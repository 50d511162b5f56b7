package org.qalyptus.server.execution;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This JVM's name in leases and logs: the process id and host, plus a random part so restarts differ. */
@Component
public class NodeId {

    private final String value = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
