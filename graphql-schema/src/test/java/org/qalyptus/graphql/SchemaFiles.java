package org.qalyptus.graphql;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The SDL files on the classpath under graphql/, merged as the server merges them. */
final class SchemaFiles {

    private SchemaFiles() {}

    static Path folder() {
        try {
            return Path.of(SchemaFiles.class.getResource("/graphql/schema.graphqls").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".graphqls")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TypeDefinitionRegistry registry() {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        for (String name : names()) {
            try {
                registry.merge(parser.parse(Files.readString(folder().resolve(name))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return registry;
    }
}
