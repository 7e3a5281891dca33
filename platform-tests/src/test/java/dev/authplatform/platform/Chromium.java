package dev.authplatform.platform;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real browser for the tests: Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (nothing
 * is downloaded), with a profile of its own, and the few moves a user makes: open, click, type, wait to see.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE = Duration.ofSeconds(30);
    /** How often a wait looks again: Selenium's default half second is most of what a step on a loopback page takes. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

    private final WebDriver driver;

    Chromium() throws IOException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void click(String id) {
        click(By.id(id));
    }

    void click(By by) {
        until(() -> "#" + by + " to be clickable", page -> {
            WebElement button = ExpectedConditions.elementToBeClickable(by).apply(page);
            if (button == null) {
                return null;
            }
            button.click();
            return button;
        });
    }

    /** Clears the field and types into it. */
    void type(String id, String text) {
        until(() -> "#" + id + " to take text", page -> {
            WebElement field = ExpectedConditions.visibilityOfElementLocated(By.id(id)).apply(page);
            if (field == null) {
                return null;
            }
            field.clear();
            field.sendKeys(text);
            return field;
        });
    }

    String text(String id) {
        return until(() -> "#" + id + " to be there", page -> page.findElement(By.id(id)).getText());
    }

    /** Whether the page has such an element now (no waiting for one to appear). */
    boolean has(By by) {
        return !until(() -> "the page to be readable", page -> page.findElements(by)).isEmpty();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * What the Tab key reaches on this page, in order, from the top: each element as its id, else its text, else its
     * name. A keyboard user's walk through the page.
     */
    List<String> tabOrder(int presses) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> reached = new java.util.ArrayList<>();
        for (int i = 0; i < presses; i++) {
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            reached.add((String) page.executeScript("""
                    const e = document.activeElement;
                    return e.id || (e.textContent || '').trim() || e.getAttribute('name') || e.tagName;"""));
        }
        return reached;
    }

    /** A cookie this page's URL would be sent (HttpOnly ones too: the driver sees what the page's scripts cannot). */
    String cookie(String name) {
        org.openqa.selenium.Cookie cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /**
     * axe-core's accessibility check of the page as it is (WCAG 2.x A and AA rules and axe's best practices): each
     * violation as its rule id, impact, help text and the elements it found. axe is the copy Deque ships in its
     * Selenium integration's jar, run through the driver (which the page's CSP does not govern).
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> accessibilityViolations() {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript(Axe.SOURCE);
        Object found = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' '))}))))
                  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));
                """);
        return (List<Map<String, Object>>) found;
    }

    /** axe.min.js, read once. */
    private static final class Axe {
        static final String SOURCE = read();

        private static String read() {
            try (var in = Chromium.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    void waitForText(String id, String expected) {
        until(() -> "#" + id + " to show '" + expected + "'; the page says: " + pageForMessage(),
                ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    void waitForPageText(String expected) {
        until(() -> "the page to say '" + expected + "'; it says: " + pageForMessage(),
                ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), expected));
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        return until(() -> "the page at " + url() + " says: " + pageForMessage(), condition);
    }

    /**
     * Waits until the condition holds (a result other than null or false), looking again when Chrome answers that the
     * element it was asked about belongs to a document that a navigation has just replaced. Chrome (134 and later,
     * still 156) reports that case as an "unknown error", {@code Node with given id does not belong to the document},
     * instead of a stale element, now and then on the first command after a page load (teamcapybara/capybara#2800); it
     * is raised before the command reaches the page, so trying again does not click or type twice.
     */
    private <T> T until(Supplier<String> message, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PAGE, LOOK_AGAIN).withMessage(message).until(page -> {
            try {
                return condition.apply(page);
            } catch (StaleElementReferenceException stale) {
                return null;
            } catch (WebDriverException e) {
                if (replacedDocument(e)) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static boolean replacedDocument(WebDriverException e) {
        return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
    }

    private String pageForMessage() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (WebDriverException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** A screenshot beside the service logs, to look at after a run. */
    void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("platform.logDir", "target/service-logs")).resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
