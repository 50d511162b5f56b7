package org.qalyptus.plugins.storage.sftp;

import java.security.Provider;
import org.apache.sshd.common.util.security.SecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.EdDSASecurityProviderRegistrar;

/**
 * Makes this plugin's copy of SSHD use its own Ed25519 provider instance, never installed in
 * {@link java.security.Security} and never looked up there by name. By default SSHD installs net.i2p's
 * provider JVM-wide and then looks it up by name "EdDSA"; when another class loader (another plugin, an
 * earlier load of this one, or the host) installed one first, the provider found has that loader's
 * classes and rejects this plugin's keys ("key spec not recognised").
 */
final class IsolatedSecurityProviders {

    private static volatile boolean applied;

    private IsolatedSecurityProviders() {}

    /** Idempotent; must run before SSHD registers its providers, i.e. before anything else of SSHD is used. */
    static void apply() {
        if (applied) {
            return;
        }
        synchronized (IsolatedSecurityProviders.class) {
            if (!applied) {
                // Registered ahead of SSHD's own (lazy) registration, which then keeps this one. The setting
                // lives in this registrar's properties: nothing JVM-wide changes.
                EdDSASecurityProviderRegistrar eddsa = new OwnEdDSAProvider();
                eddsa.getProperties().put(
                        eddsa.getConfigurationPropertyName(SecurityProviderRegistrar.NAMED_PROVIDER_PROPERTY), Boolean.FALSE);
                SecurityUtils.registerSecurityProvider(eddsa);
                applied = true;
            }
        }
    }

    /** SSHD's EdDSA registrar, except that it never adopts a provider of that name found in the JVM. */
    private static final class OwnEdDSAProvider extends EdDSASecurityProviderRegistrar {

        @Override
        protected Provider getOrCreateProvider(String providerClassName) throws ReflectiveOperationException {
            synchronized (providerHolder) {
                Provider provider = providerHolder.get();
                if (provider == null) {
                    provider = createProviderInstance(providerClassName);
                    providerHolder.set(provider);
                }
                return provider;
            }
        }
    }
}
