package dev.authplatform.platform;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
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

/**
 * A real browser for the tests: Debian's Chromium, headless, driven by Selenium through Debian's chromedriver (nothing
 * is downloaded), with a profile of its own, and the few moves a user makes: open, click, type, wait to see.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE = Duration.ofSeconds(30);

    final WebDriver driver;

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
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Clears the field and types into it. */
    void type(String id, String text) {
        WebElement field = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    String page() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    void waitForText(String id, String expected) {
        new WebDriverWait(driver, PAGE).withMessage(() -> "#" + id + " to show '" + expected + "'; the page says: " + page())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    void waitForPageText(String expected) {
        new WebDriverWait(driver, PAGE).withMessage(() -> "the page to say '" + expected + "'; it says: " + page())
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), expected));
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PAGE).withMessage(() -> "the page at " + url() + " says: " + page()).until(condition);
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
