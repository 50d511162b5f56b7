package org.qalyptus.server.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qalyptus.spi.QalyptusExtension;
import org.qalyptus.spi.app.AppConnector;
import org.qalyptus.spi.identity.IdentityProviderType;
import org.qalyptus.spi.render.OutputFormat;
import org.qalyptus.spi.storage.StorageTarget;

/** The extension points plugins can implement, by the name the API shows. */
final class ExtensionPoints {

    static final Map<String, Class<? extends QalyptusExtension>> ALL;

    static {
        Map<String, Class<? extends QalyptusExtension>> points = new LinkedHashMap<>();
        points.put("OutputFormat", OutputFormat.class);
        points.put("StorageTarget", StorageTarget.class);
        points.put("IdentityProviderType", IdentityProviderType.class);
        points.put("AppConnector", AppConnector.class);
        ALL = java.util.Collections.unmodifiableMap(points);
    }

    private ExtensionPoints() {}
}
