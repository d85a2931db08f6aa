package io.cohost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin UI in a real browser: Debian's headless Chromium, driven through the system chromedriver
 * (nothing is downloaded). It walks the operator's path: log in, deploy by upload, open the app, set
 * its CPU quota, stop and start it, watch a misbehaving app get killed by the host and another fail to
 * start, log out. Screenshots of the overview and the app pages are kept in {@code target/screenshots}.
 *
 * <p>Without Chromium the test is skipped on a developer machine, and fails when {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("cohost.screenshots", "target/screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    TestHost host;
    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path data, @TempDir Path profile) throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but Chromium is missing: install it with 'apt-get install -y chromium chromium-driver' (.ci/run does)");
        }
        assumeTrue(present, "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver); the browser test is skipped");

        host = TestHost.start(data);
        host.deploy("guestbook", "guestbook"); // a neighbour that keeps running throughout
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1440,1000", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        // the overview re-renders its rows every few seconds; an element read across a refresh goes stale
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (host != null) {
            host.close();
        }
    }

    private String admin(String path) {
        return host.adminUri() + path;
    }

    private WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private int tenantStatus(String path) {
        try {
            return http.send(HttpRequest.newBuilder(host.app(path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOperatorDeploysWatchesControlsAndLogsOut() throws Exception {
        // Every page needs a login: the overview sends us to it
        browser.get(admin("/"));
        wait.until(ExpectedConditions.urlContains("/login?next="));
        byId("password").sendKeys(TestHost.PASSWORD);
        byId("login").click();
        waitForText(By.id("user"), "admin");
        assertThat(browser.getCurrentUrl()).isEqualTo(admin("/"));

        // Deploy hello by upload, with the file picker
        browser.get(admin("/deploy"));
        byId("war").sendKeys(TestWars.war("hello").toAbsolutePath().toString());
        assertThat(byId("name").getDomProperty("value")).isEqualTo("hello");
        byId("deploy").click();
        waitForText(By.id("result"), "Deployed hello: RUNNING");
        assertThat(byId("progress").getDomProperty("value")).isEqualTo("100");

        // Its page: RUNNING, and the link opens the app itself
        byId("open-app").click();
        waitForText(By.id("state"), "RUNNING");
        String main = browser.getWindowHandle();
        byId("app-url").click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst().orElseThrow());
        waitForText(By.tagName("body"), "Hello from /hello");
        browser.close();
        browser.switchTo().window(main);

        // Set its CPU quota; a wrong value is explained in the page and changes nothing
        WebElement cpu = byId("q-cpu");
        cpu.clear();
        cpu.sendKeys("250x");
        byId("save-quota").click();
        waitForText(By.id("quota-result"), "invalid cpu quota '250x'");
        assertThat(byId("quota-result").getText()).contains("'250m'");
        cpu = byId("q-cpu");
        cpu.clear();
        cpu.sendKeys("250m");
        byId("save-quota").click();
        waitForText(By.id("quota-result"), "Quota saved: cpu 250m");
        assertThat(host.host().management().app("hello").quota()).containsEntry("cpu", "250m");

        // Stop (confirmed) and start
        byId("stop").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(By.id("state"), "STOPPED");
        assertThat(tenantStatus("/hello/")).isEqualTo(503);
        byId("start").click();
        waitForText(By.id("state"), "RUNNING");
        assertThat(byId("result").getText()).isEqualTo("Start: now RUNNING");
        assertThat(tenantStatus("/hello/")).isEqualTo(200);

        // Live figures: requests, latency and CPU are charted
        wait.until(d -> {
            for (int i = 0; i < 10; i++) {
                tenantStatus("/hello/");
                tenantStatus("/guestbook/");
            }
            String last = d.findElement(By.cssSelector("#chart-requests .last")).getText();
            return !last.isEmpty() && !last.equals("0");
        });
        assertThat(byId("chart-requests").getDomAttribute("data-state")).isEqualTo("measured");
        assertThat(byId("chart-latency").getDomAttribute("data-state")).isEqualTo("measured");
        wait.until(d -> "measured".equals(d.findElement(By.id("chart-cpu")).getDomAttribute("data-state")));
        screenshot("app-detail.png");

        // A misbehaving app, deployed by drag and drop, calls System.exit: the host kills it, and its page says why
        browser.get(admin("/deploy"));
        dropFile("drop", TestWars.war("exit-caller"));
        waitForText(By.id("file-name"), "exit-caller.war");
        assertThat(byId("name").getDomProperty("value")).isEqualTo("exit-caller");
        byId("deploy").click();
        waitForText(By.id("result"), "Deployed exit-caller: RUNNING");
        byId("open-app").click();
        waitForText(By.id("state"), "RUNNING");
        assertThat(tenantStatus("/exit-caller/system-exit?status=3")).isEqualTo(500);
        waitForText(By.id("state"), "KILLED");
        waitForText(By.cssSelector("#events tr.kill"), "System.exit");
        assertThat(byId("state-detail").getText()).contains("status=3");
        assertThat(tenantStatus("/hello/")).isEqualTo(200);
        screenshot("app-killed.png");

        // A WAR whose start fails is reported with its cause, in the page
        browser.get(admin("/deploy"));
        byId("war").sendKeys(TestWars.war("bad-start").toAbsolutePath().toString());
        byId("deploy").click();
        waitForText(By.id("result"), "app 'bad-start' failed to start");
        assertThat(byId("result").getText()).contains("database URL is not configured");
        browser.get(admin("/apps/bad-start"));
        waitForText(By.cssSelector("#events tr.fail"), "database URL is not configured");

        // The overview lists them all, with live figures; a figure without a meter reads "not measured", never 0
        browser.get(admin("/"));
        waitForText(By.cssSelector("tr[data-app='hello'] td.state"), "RUNNING");
        waitForText(By.cssSelector("tr[data-app='exit-caller'] td.state"), "KILLED");
        waitForText(By.cssSelector("tr[data-app='bad-start'] td.state"), "FAILED");
        waitForText(By.cssSelector("tr[data-app='guestbook'] td.state"), "RUNNING");
        waitForText(By.id("host"), "headroom");
        wait.until(d -> {
            tenantStatus("/guestbook/");
            String rate = d.findElements(By.cssSelector("tr[data-app='guestbook'] td.num")).get(0).getText();
            return rate.matches("[0-9.,]+") && !rate.equals("0");
        });
        // read in one go from the same rendering: p99, threads and open files (metered by the governor and the descriptor agent)
        List<String> figures = wait.until(d -> {
            List<String> texts = d.findElements(By.cssSelector("tr[data-app='guestbook'] td.num")).stream().map(WebElement::getText).toList();
            return texts.size() > 6 && texts.get(2).endsWith("ms") ? texts : null;
        });
        assertThat(figures.get(2)).endsWith("ms");
        assertThat(figures.get(6)).matches("[0-9]+");
        assertThat(figures.get(5)).matches("[0-9]+");
        screenshot("overview.png");

        // Log out: the session is over, pages send us back to the login
        byId("logout").click();
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.get(admin("/apps/hello"));
        wait.until(ExpectedConditions.urlContains("/login?next="));

        assertThat(cspViolations()).isEmpty();
        assertThat(SCREENSHOTS.resolve("overview.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("app-detail.png")).isNotEmptyFile();
    }

    /**
     * Drops a file on an element as a user dragging it from the desktop would: WebDriver cannot drag from
     * outside the page, so a file input made for the purpose supplies the file and a drop event carries it.
     */
    private void dropFile(String targetId, Path file) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        WebElement input = (WebElement) js.executeScript(
                "const i = document.createElement('input'); i.type = 'file'; i.id = 'drag-source';"
                        + "document.body.append(i); return i;");
        input.sendKeys(file.toAbsolutePath().toString());
        js.executeScript(
                "const target = document.getElementById(arguments[0]); const source = document.getElementById('drag-source');"
                        + "const data = new DataTransfer(); data.items.add(source.files[0]);"
                        + "target.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));"
                        + "target.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));"
                        + "source.remove();", targetId);
    }

    private List<String> cspViolations() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
    }
}
