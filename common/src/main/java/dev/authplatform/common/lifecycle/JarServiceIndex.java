package dev.authplatform.common.lifecycle;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.io.service.SoftServiceLoader.StaticDefinition;
import io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Micronaut's services (bean definitions, introspections, converters...) as listed in the one jar a service runs from
 * ({@code java -jar}), handed to Micronaut through the hook its build-time optimizer (Micronaut AOT) uses. Micronaut
 * otherwise finds them by opening a zip file system over the whole jar (28,000 entries) and walking
 * {@code META-INF/micronaut/}: 40-60 ms of every start. Here the listing comes from the jar's central directory,
 * which the class loader has already read. Each service is found and made as Micronaut's own loader does: the
 * {@code META-INF/services/} lines and the {@code META-INF/micronaut/<type>/<class>} entries, a class that is missing,
 * or whose dependencies are, left out, any other failure raised. Anywhere else (tests, an IDE, a class path of
 * several entries) nothing is installed and Micronaut looks them up itself.
 */
final class JarServiceIndex {

    private static final String MICRONAUT_SERVICES = "META-INF/micronaut/";
    private static final String STANDARD_SERVICES = "META-INF/services/";
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
    private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);

    private final ClassLoader classLoader;
    /** Service type name to the implementations listed under {@code META-INF/micronaut/<type>/}. */
    private final Map<String, List<String>> micronautEntries;

    JarServiceIndex(ClassLoader classLoader, Map<String, List<String>> micronautEntries) {
        this.classLoader = classLoader;
        this.micronautEntries = micronautEntries;
    }

    /** Installs the index when the application runs from one jar only; before any Micronaut service is looked up. */
    static void installFor(Class<?> mainClass) {
        Path jar = soleJar(mainClass);
        if (jar == null) {
            return;
        }
        JarServiceIndex index = read(jar, mainClass.getClassLoader());
        try {
            StaticOptimizations.set(new SoftServiceLoader.Optimizations(index.everyType()));
        } catch (IllegalStateException alreadyRead) {
            // Micronaut looked services up before this point: it goes on finding them itself, as it would without
        }
    }

    /** The jar the main class comes from, when it is the whole class path; else null. */
    static Path soleJar(Class<?> mainClass) {
        CodeSource source = mainClass.getProtectionDomain().getCodeSource();
        String classPath = System.getProperty("java.class.path", "");
        if (source == null || source.getLocation() == null || classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
            return null;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(jar) && jar.toString().endsWith(".jar") && Files.isSameFile(jar, Path.of(classPath)) ? jar : null;
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** Lists the jar's {@code META-INF/micronaut/<type>/<class>} entries. */
    static JarServiceIndex read(Path jar, ClassLoader classLoader) {
        Map<String, List<String>> entries = new HashMap<>();
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Enumeration<JarEntry> all = file.entries();
            while (all.hasMoreElements()) {
                String name = all.nextElement().getName();
                if (!name.startsWith(MICRONAUT_SERVICES) || name.endsWith("/")) {
                    continue;
                }
                int slash = name.indexOf('/', MICRONAUT_SERVICES.length());
                if (slash < 0 || name.indexOf('/', slash + 1) >= 0 || name.charAt(slash + 1) == '.') {
                    continue; // not <type>/<class>, or hidden, as Micronaut's walk skips
                }
                entries.computeIfAbsent(name.substring(MICRONAUT_SERVICES.length(), slash), type -> new ArrayList<>())
                        .add(name.substring(slash + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the services in " + jar, e);
        }
        return new JarServiceIndex(classLoader, entries);
    }

    /**
     * A loader for every type Micronaut asks for: a type missing from the map would send Micronaut back to walking
     * the whole jar for it.
     */
    Map<String, StaticServiceLoader<?>> everyType() {
        Map<String, StaticServiceLoader<?>> loaders = new ConcurrentHashMap<>();
        return new AbstractMap<>() {
            @Override
            public StaticServiceLoader<?> get(Object type) {
                return type instanceof String name ? loaders.computeIfAbsent(name, ListedServices::new) : null;
            }

            @Override
            public boolean containsKey(Object type) {
                return type instanceof String;
            }

            @Override
            public Set<Entry<String, StaticServiceLoader<?>>> entrySet() {
                return Collections.unmodifiableSet(loaders.entrySet());
            }
        };
    }

    /** The class names listed for a service type: its {@code META-INF/services/} lines, then its Micronaut entries. */
    List<String> namesOf(String type) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = classLoader.getResources(STANDARD_SERVICES + type);
            while (files.hasMoreElements()) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment < 0 ? line : line.substring(0, comment)).trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ServiceConfigurationError("cannot read the services of " + type, e);
        }
        names.addAll(micronautEntries.getOrDefault(type, List.of()));
        return List.copyOf(names);
    }

    /** One service type's implementations, made afresh at each look-up as Micronaut's loader makes them. */
    private final class ListedServices implements StaticServiceLoader<Object> {

        private final String type;

        ListedServices(String type) {
            this.type = type;
        }

        @Override
        public Stream<StaticDefinition<Object>> findAll(Predicate<String> predicate) {
            List<StaticDefinition<Object>> found = new ArrayList<>();
            for (String name : namesOf(type)) {
                if (predicate != null && !predicate.test(name)) {
                    continue;
                }
                Object service = make(name);
                if (service != null) {
                    found.add(StaticDefinition.of(name, () -> service));
                }
            }
            return found.stream();
        }

        /** The service, or null where its class or one it needs is missing (an optional integration). */
        private Object make(String name) {
            MethodHandle constructor;
            try {
                constructor = LOOKUP.findConstructor(Class.forName(name, false, classLoader), NO_ARGUMENTS);
            } catch (ClassNotFoundException | NoClassDefFoundError | NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
            try {
                return constructor.invoke();
            } catch (NoClassDefFoundError e) {
                return null;
            } catch (Throwable e) {
                throw new ServiceConfigurationError("cannot make the service " + name + " of " + type, e);
            }
        }
    }
}
