package org.qalyptus.server.organization;

import java.util.ArrayList;
import java.util.List;
import org.qalyptus.server.auth.Caller;
import org.qalyptus.server.connection.ConnectionService;
import org.qalyptus.server.storageservice.StorageServiceService;
import org.springframework.stereotype.Service;

/** The resources of an organization (its connections and storage services), for its administrators. */
@Service
public class OrganizationResources {

    /** A connection to apps or a storage service, with its plugin type. */
    public record Resource(String id, String name, String kind, String type, String description) {}

    private final OrganizationService organizations;
    private final ConnectionService connections;
    private final StorageServiceService storageServices;

    OrganizationResources(OrganizationService organizations, ConnectionService connections,
            StorageServiceService storageServices) {
        this.organizations = organizations;
        this.connections = connections;
        this.storageServices = storageServices;
    }

    /** 404 when the organization is not visible, 403 when the caller does not administer it. */
    public List<Resource> of(Caller caller, String organizationId) {
        organizations.administered(caller, organizationId);
        List<Resource> resources = new ArrayList<>();
        connections.ofOrganization(organizationId).forEach(c -> resources.add(
                new Resource(c.id(), c.name(), "Connection", c.type(), c.description())));
        storageServices.ofOrganization(organizationId).forEach(s -> resources.add(
                new Resource(s.id(), s.name(), "StorageService", s.type(), s.description())));
        return resources;
    }
}
