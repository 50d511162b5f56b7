/**
 * The plugin API of the Qalyptus server.
 *
 * <p>A plugin is a PF4J plugin whose extensions implement one of the four extension points:
 * {@link org.qalyptus.spi.render.OutputFormat}, {@link org.qalyptus.spi.storage.StorageTarget},
 * {@link org.qalyptus.spi.identity.IdentityProviderType} and {@link org.qalyptus.spi.app.AppConnector}.
 * Each is identified by a stable {@linkplain org.qalyptus.spi.QalyptusExtension#typeId() type id} and
 * describes its own settings with {@link org.qalyptus.spi.config.ConfigField}s, so the API and the
 * console can validate and render them without knowing the plugin.
 *
 * <p>Plugins depend on this artifact with scope {@code provided} and must not bundle its classes or
 * PF4J's: a plugin that does is refused by the host with that reason, because its extensions would be
 * loaded by its own class loader and never match the host's extension point types.
 *
 * <p>Unless a type says otherwise, the values passed to and returned from extension methods are never
 * {@code null}; optional values are {@link java.util.Optional} or documented as nullable.
 */
package org.qalyptus.spi;
