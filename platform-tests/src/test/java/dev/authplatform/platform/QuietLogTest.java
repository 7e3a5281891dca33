package dev.authplatform.platform;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplatform.common.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logs an operator reads. Both services run with {@code LOG_FORMAT=json}, serve a little, then idle past every
 * scheduled job's period (the health monitor's shortened to a second by its own settings, so a monitor that fails
 * shows at once): every line is one JSON object, and none is an ERROR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuietLogTest {

    private static final Map<String, String> JSON_AND_SHORT_SCHEDULES = Map.of("LOG_FORMAT", "json",
            "MICRONAUT_HEALTH_MONITOR_INITIAL_DELAY", "1s", "MICRONAUT_HEALTH_MONITOR_INTERVAL", "1s");

    private final List<Map<String, Object>> lines = new ArrayList<>();
    private final List<String> notJson = new ArrayList<>();

    @BeforeAll
    void runAQuietPlatform() throws IOException, InterruptedException {
        try (Platform platform = new Platform(dev.authplatform.common.testing.TestInfrastructure.get().redisUri(), JSON_AND_SHORT_SCHEDULES).start()) {
            Api.Response user = platform.authApi().registerSomeone();
            assertEquals(200, platform.resourceApi().get("/api/me", user.accessToken()).status());
            TimeUnit.SECONDS.sleep(5); // the idle period is what is observed here, not a wait for something
            for (ServiceProcess service : List.of(platform.auth, platform.resource)) {
                for (String line : Files.readAllLines(service.logFile())) {
                    try {
                        lines.add(JSONObjectUtils.parse(line));
                    } catch (ParseException e) {
                        notJson.add(service.logFile().getFileName() + ": " + line);
                    }
                }
            }
        }
    }

    @Test
    void everyLogLineIsOneJsonObject() {
        assertEquals(List.of(), notJson);
        assertTrue(lines.stream().anyMatch(line -> "audit".equals(line.get("logger_name")) && String.valueOf(line.get("message"))
                .contains("event=register")), "the audit events are there too");
    }

    @Test
    void bothServicesSignAndVerifyWithTheNativeCryptoProvider() {
        // NativeCrypto: loaded from the packaged jar; a fallback to the JDK's providers would log a WARN line instead
        List<Map<String, Object>> said = lines.stream().filter(line -> "dev.authplatform.common.crypto.NativeCrypto".equals(line.get("logger_name"))).toList();
        assertEquals(2, said.size(), "one line from each service: " + said);
        assertTrue(said.stream().allMatch(line -> "INFO".equals(line.get("level"))
                && String.valueOf(line.get("message")).contains("AmazonCorrettoCryptoProvider")), said.toString());
    }

    @Test
    void neitherServiceLogsAnErrorWhileIdle() {
        assertEquals(List.of(), lines.stream().filter(line -> "ERROR".equals(line.get("level"))).toList());
    }
}
