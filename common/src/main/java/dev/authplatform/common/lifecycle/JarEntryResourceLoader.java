package dev.authplatform.common.lifecycle;

import io.micronaut.core.io.scan.DefaultClassPathResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Optional;

/**
 * The class-path loader the environment reads its property sources ({@code application.yml} and the like) with.
 * Micronaut's opens a zip file system over the whole jar to read one file from it, and closes it again: over the
 * services' jars (28,000 entries) that cost 40-50 ms of every start, before anything else could run. This one reads a
 * file in a jar through the class loader's own open jar, and leaves everything else (directories, files on disk,
 * {@code classpath:} paths, relative paths) to Micronaut's.
 */
final class JarEntryResourceLoader extends DefaultClassPathResourceLoader {

    JarEntryResourceLoader(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public Optional<InputStream> getResourceAsStream(String path) {
        if (path.startsWith("classpath:") || path.startsWith("/") || path.contains("..") || path.endsWith("/")) {
            return super.getResourceAsStream(path);
        }
        URL url = getClassLoader().getResource(path);
        if (url == null) {
            return Optional.empty();
        }
        if (!"jar".equals(url.getProtocol())) {
            return super.getResourceAsStream(path);
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection entry && entry.getJarEntry().isDirectory()) {
                return Optional.empty(); // as Micronaut's: a directory is no resource to read
            }
            return Optional.of(connection.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from its jar", e);
        }
    }
}
