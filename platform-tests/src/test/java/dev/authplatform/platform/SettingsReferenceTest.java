package dev.authplatform.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The settings reference (docs/settings.md) cannot drift from the code: every {@code auth.*} setting that
 * common, auth-service or resource-service reads is on the page, and every {@code auth.*} setting on the page is read.
 * What the code reads comes from what the compiler recorded of each {@code @ConfigurationProperties} (Micronaut's
 * configuration metadata in target/classes) and from the names in {@code @Property}, {@code @Value} and the constants
 * that name a setting.
 */
class SettingsReferenceTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.repositoryRoot", "..")).toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("common", "auth-service", "resource-service");
    private static final Pattern METADATA_PROPERTY = Pattern.compile("\\{\"name\":\"(auth\\.[a-z0-9.-]+)\"");
    private static final Pattern NAMED_IN_SOURCE = Pattern.compile(
            "(?:@Property\\(name = |@Value\\(\"\\$\\{|String [A-Z_]+ = )\"?(auth\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everySettingTheCodeReadsIsInTheReferenceAndNoOther() throws IOException {
        Set<String> read = readByTheCode();
        Set<String> documented = documented();

        assertTrue(read.size() > 60, "the code's settings were found (" + read.size() + ")");
        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(read);
        assertEquals(Set.of(), undocumented, "settings the code reads that docs/settings.md does not name");
        assertEquals(Set.of(), stale, "settings docs/settings.md names that the code does not read");
    }

    private static Set<String> readByTheCode() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            Path metadata = ROOT.resolve(module).resolve("target/classes/META-INF/spring-configuration-metadata.json");
            if (Files.exists(metadata)) {
                String json = Files.readString(metadata);
                Matcher property = METADATA_PROPERTY.matcher(json.substring(json.indexOf("\"properties\"")));
                while (property.find()) {
                    names.add(property.group(1));
                }
            }
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher named = NAMED_IN_SOURCE.matcher(Files.readString(source));
                    while (named.find()) {
                        names.add(named.group(1));
                    }
                }
            }
        }
        return names;
    }

    /**
     * The {@code auth.*} names in the first cell of each row of the page's table; {@code `.port`} after
     * {@code `auth.mail.host`} is {@code auth.mail.port}, and {@code -Dauth.x} is {@code auth.x}.
     */
    private static Set<String> documented() throws IOException {
        String section = Files.readString(ROOT.resolve("docs/settings.md"));
        Set<String> names = new TreeSet<>();
        for (String line : section.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String parent = null;
            Matcher code = CODE.matcher(line.substring(1, line.indexOf('|', 1)));
            while (code.find()) {
                String name = code.group(1).replaceFirst("^-D", "");
                if (name.startsWith(".") && parent != null) {
                    name = parent + name;
                } else if (name.contains(".")) {
                    parent = name.substring(0, name.lastIndexOf('.'));
                }
                if (name.startsWith("auth.")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
