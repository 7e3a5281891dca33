package dev.authplatform.common.lifecycle;

import io.micronaut.core.io.scan.DefaultClassPathResourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads from a jar what Micronaut's class-path loader reads from it, without a zip file system over the jar. */
class JarEntryResourceLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatMicronautsLoaderReads() throws IOException {
        Path jar = dir.resolve("service.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            add(zip, "application.yml", "micronaut:\n  application:\n    name: test\n");
            add(zip, "views/", null);
            add(zip, "views/page.html", "<p>page</p>");
            add(zip, "config/application-test.yml", "x: 1\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            DefaultClassPathResourceLoader micronauts = new DefaultClassPathResourceLoader(loader);
            JarEntryResourceLoader ours = new JarEntryResourceLoader(loader);
            for (String path : List.of("application.yml", "classpath:application.yml", "views/page.html", "views",
                    "views/", "config/application-test.yml", "missing.yml", "missing", "../application.yml")) {
                assertEquals(read(micronauts.getResourceAsStream(path)), read(ours.getResourceAsStream(path)), path);
            }
            assertEquals(Optional.of("<p>page</p>"), read(ours.getResourceAsStream("views/page.html")), "the comparison reads real content");
        }
    }

    private static void add(JarOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new JarEntry(name));
        if (content != null) {
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        zip.closeEntry();
    }

    private static Optional<String> read(Optional<InputStream> stream) {
        return stream.map(in -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
