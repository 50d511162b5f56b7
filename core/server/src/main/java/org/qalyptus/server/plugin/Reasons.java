package org.qalyptus.server.plugin;

/** Turns a throwable into the one-line reason shown for a plugin. */
final class Reasons {

    private Reasons() {}

    static String of(Throwable e) {
        Throwable root = e;
        StringBuilder reason = new StringBuilder(describe(e));
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            String next = describe(root);
            if (!reason.toString().contains(next)) {
                reason.append(": ").append(next);
            }
        }
        return reason.toString();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
