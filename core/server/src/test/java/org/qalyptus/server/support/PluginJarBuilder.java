package org.qalyptus.server.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin jars for tests: compiles the given Java sources against the test class path,
 * writes {@code plugin.properties} and the extension index PF4J reads, and can bundle host classes the
 * way a badly packaged plugin does.
 */
public final class PluginJarBuilder {

    private final String id;
    private String version = "1.0.0";
    private String requires = "*";
    private String pluginClass;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private Class<?> bundledHostClass;

    private PluginJarBuilder(String id) {
        this.id = id;
    }

    public static PluginJarBuilder plugin(String id) {
        return new PluginJarBuilder(id);
    }

    public PluginJarBuilder requires(String range) {
        this.requires = range;
        return this;
    }

    /** A source file; {@code className} is fully qualified. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists the class in the extension index, as PF4J's annotation processor would. */
    public PluginJarBuilder extension(String className) {
        extensions.add(className);
        return this;
    }

    public PluginJarBuilder pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** Copies the class file of a host class into the jar, as a plugin that bundles its dependencies does. */
    public PluginJarBuilder bundling(Class<?> hostClass) {
        this.bundledHostClass = hostClass;
        return this;
    }

    public Path buildInto(Path pluginsDir) {
        try {
            Path classes = Files.createTempDirectory("plugin-classes-");
            compile(classes);
            Files.createDirectories(pluginsDir);
            Path jar = pluginsDir.resolve(id + "-" + version + ".jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                put(out, "plugin.properties", properties().getBytes(StandardCharsets.UTF_8));
                put(out, "META-INF/extensions.idx", String.join("\n", extensions).getBytes(StandardCharsets.UTF_8));
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                if (bundledHostClass != null) {
                    String name = bundledHostClass.getName().replace('.', '/') + ".class";
                    put(out, name, hostClassBytes(name));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String properties() {
        return "plugin.id=" + id + "\nplugin.version=" + version + "\nplugin.requires=" + requires
                + "\nplugin.provider=tests\nplugin.description=Test plugin " + id + "\n"
                + (pluginClass == null ? "" : "plugin.class=" + pluginClass + "\n");
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Path src = Files.createTempDirectory("plugin-src-");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none",
                "-classpath", System.getProperty("java.class.path")));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("Test plugin sources of " + id + " do not compile");
        }
    }

    private static byte[] hostClassBytes(String name) throws IOException {
        try (var in = PluginJarBuilder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    /** A jar-named file that is not a zip at all. */
    public static Path corruptJar(Path pluginsDir, String name) {
        try {
            Files.createDirectories(pluginsDir);
            Path jar = pluginsDir.resolve(name);
            try (OutputStream out = Files.newOutputStream(jar)) {
                out.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
