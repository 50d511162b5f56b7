package org.qalyptus.server.asset;

import org.qalyptus.server.permission.AssetType;
import org.qalyptus.server.permission.Permission;

/**
 * One type of project asset with the permission flags that guard it. The flags are the API's
 * {@code PermissionDto} names, {@code <action><Type>}; {@code use} and {@code run} exist only for some
 * types and are null elsewhere.
 *
 * @param label the name used in messages ("Report")
 */
public record AssetKind<T extends ProjectAsset>(AssetType type, Class<T> documentClass, String label,
        Permission view, Permission create, Permission edit, Permission delete, Permission duplicate,
        Permission move, Permission setPermissions, Permission use, Permission run) {

    public static <T extends ProjectAsset> AssetKind<T> of(AssetType type, Class<T> documentClass) {
        if (type == AssetType.Project) {
            throw new IllegalArgumentException("A project is not an asset");
        }
        String suffix = type.name();
        return new AssetKind<>(type, documentClass, suffix, flag("view", suffix), flag("create", suffix),
                flag("edit", suffix), flag("delete", suffix), flag("duplicate", suffix), flag("move", suffix),
                flag("setPermissions", suffix), optionalFlag("use", suffix), optionalFlag("run", suffix));
    }

    public String collection() {
        return type.collection();
    }

    private static Permission flag(String action, String suffix) {
        return Permission.ofFlag(action + suffix)
                .orElseThrow(() -> new IllegalStateException("No permission flag " + action + suffix));
    }

    private static Permission optionalFlag(String action, String suffix) {
        return Permission.ofFlag(action + suffix).orElse(null);
    }
}
