package org.qalyptus.server.storageservice;

import java.util.List;

/**
 * Something that delivers to storage services (tasks), asked before one is deleted. Implemented by the
 * features that refer to storage services, so this package needs not know them.
 */
public interface StorageServiceUsage {

    /** Names of what uses the storage service (for instance "task 'Daily sales'"), empty when nothing does. */
    List<String> usersOf(String organizationId, String storageServiceId);
}
