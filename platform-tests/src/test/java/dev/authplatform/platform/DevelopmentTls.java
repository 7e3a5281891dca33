package dev.authplatform.platform;

import dev.authplatform.common.tls.OutboundTls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A development CA and server certificate made by the repository's own {@code tls/dev-ca.sh}, in a directory of the test's. */
record DevelopmentTls(Path directory) {

    static DevelopmentTls make(Path directory) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("platform.repositoryRoot", "..")).resolve("tls/dev-ca.sh").toAbsolutePath().normalize();
        Process process = new ProcessBuilder(List.of("bash", script.toString(), directory.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tls/dev-ca.sh failed: " + output);
        }
        return new DevelopmentTls(directory);
    }

    Path ca() {
        return directory.resolve("ca.pem");
    }

    /** What a service needs to serve HTTPS with the server certificate (its port is set by {@link ServiceProcess}). */
    Map<String, String> serverEnvironment() {
        return Map.of("MICRONAUT_SERVER_SSL_ENABLED", "true",
                "MICRONAUT_SERVER_SSL_KEY_STORE_CERTIFICATE_PATH", "file:" + directory.resolve("server.pem"),
                "MICRONAUT_SERVER_SSL_KEY_STORE_KEY_PATH", "file:" + directory.resolve("server-key.pem"));
    }

    /** A client context that trusts the development CA alone. */
    SSLContext clientContext() {
        return OutboundTls.trusting(ca());
    }
}
