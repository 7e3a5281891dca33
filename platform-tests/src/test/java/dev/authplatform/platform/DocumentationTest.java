package dev.authplatform.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README and the guides as a newcomer meets them: short enough, and every link leads somewhere in the repository. */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.repositoryRoot", "..")).toAbsolutePath().normalize();
    /** A Markdown link or image: its target, up to a title or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    @Test
    void theReadmeFitsOnAFewScreens() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md")).size();

        assertTrue(lines < 300, "README.md has " + lines + " lines");
    }

    @Test
    void everyRelativeLinkInTheReadmeAndTheGuidesLeadsToAFileOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        int links = 0;
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // another site, or a heading of the same page
                }
                links++;
                Path file = page.getParent().resolve(target.replaceAll("#.*", "")).normalize();
                if (!file.startsWith(ROOT) || !Files.exists(file)) {
                    broken.add(ROOT.relativize(page) + ": " + target);
                }
            }
        }

        assertTrue(links > 20, "the links were found (" + links + ")");
        assertEquals(List.of(), broken, "links that lead nowhere, or out of the repository");
    }
}
