package dev.authplatform.common.lifecycle;

import io.micronaut.core.io.service.SoftServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The services a jar lists are the ones Micronaut's own loader finds in it, made the same way: compared side by side
 * over one jar, with the cases its loader skips (hidden and nested entries, missing classes, classes that need a
 * missing one) and the {@code META-INF/services/} lines it reads besides.
 */
class JarServiceIndexTest {

    public interface Greeting {
    }

    public static final class English implements Greeting {
    }

    public static final class French implements Greeting {
    }

    public static final class German implements Greeting {
    }

    /** As an optional integration whose library is not on the class path. */
    public static final class NeedsAbsentLibrary implements Greeting {
        public NeedsAbsentLibrary() {
            throw new NoClassDefFoundError("com/example/Absent");
        }
    }

    public interface Broken {
    }

    public static final class FailsToBuild implements Broken {
        public FailsToBuild() {
            throw new IllegalStateException("cannot be built");
        }
    }

    public interface Unlisted {
    }

    @TempDir
    Path dir;

    @Test
    void findsTheServicesMicronautsOwnLoaderFinds() throws IOException {
        Path jar = jar(Map.of(
                micronaut(Greeting.class, English.class.getName()), "",
                micronaut(Greeting.class, French.class.getName()), "",
                micronaut(Greeting.class, NeedsAbsentLibrary.class.getName()), "",
                micronaut(Greeting.class, "com.example.Missing"), "",
                micronaut(Greeting.class, ".hidden"), "",
                micronaut(Greeting.class, "nested/" + German.class.getName()), "",
                "META-INF/services/" + Greeting.class.getName(), "# the standard list\n" + German.class.getName() + "#comment\n\n"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            JarServiceIndex index = JarServiceIndex.read(jar, loader);

            List<String> micronauts = classNames(SoftServiceLoader.load(Greeting.class, loader));
            assertEquals(List.of(English.class.getName(), French.class.getName(), German.class.getName()), micronauts);
            assertEquals(micronauts, classNames(index.everyType().get(Greeting.class.getName()).load(null)));
            assertEquals(List.of(), classNames(index.everyType().get(Unlisted.class.getName()).load(null)),
                    "a type listed nowhere has no services, and is answered without Micronaut's walk");
        }
    }

    @Test
    void aServiceThatFailsToBeBuiltFailsTheLookUpAsInMicronaut() throws IOException {
        Path jar = jar(Map.of(micronaut(Broken.class, FailsToBuild.class.getName()), ""));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertThrows(RuntimeException.class, () -> SoftServiceLoader.load(Broken.class, loader).collectAll());
            assertThrows(Error.class, () -> JarServiceIndex.read(jar, loader).everyType().get(Broken.class.getName()).load(null));
        }
    }

    @Test
    void installsNothingOutsideASingleJar() {
        assertNull(JarServiceIndex.soleJar(getClass()), "tests run from class directories: Micronaut looks services up itself");
    }

    private static String micronaut(Class<?> type, String implementation) {
        return "META-INF/micronaut/" + type.getName() + "/" + implementation;
    }

    private static List<String> classNames(Iterable<?> services) {
        List<String> names = new ArrayList<>();
        services.forEach(service -> names.add(service.getClass().getName()));
        return names.stream().sorted().toList();
    }

    private static <S> List<String> classNames(SoftServiceLoader<S> loader) {
        return classNames(loader.collectAll());
    }

    /** A jar of these files, with an entry for each folder above them, as Maven's jars have. */
    private Path jar(Map<String, String> files) throws IOException {
        Map<String, String> entries = new TreeMap<>(files);
        for (String name : files.keySet()) {
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                entries.putIfAbsent(name.substring(0, slash + 1), "");
            }
        }
        Path jar = Files.createTempFile(dir, "services", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
