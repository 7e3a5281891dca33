package dev.authplatform.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The Node package (node/verifier) as the cross-stack tests run it: node on the PATH, its lockfile installed once. */
final class NodeExample {

    private NodeExample() {
    }

    /** Whether node and npm are on this machine (.ci/run requires them; a bare JDK machine skips the Node parts). */
    static boolean available() {
        return run(Path.of("."), "node", "--version") == 0 && run(Path.of("."), "npm", "--version") == 0;
    }

    /** The package's directory, with {@code npm ci} run in it first when its node_modules is missing. */
    static synchronized Path installed() {
        Path directory = Path.of(System.getProperty("platform.nodePackageDir", "../node/verifier")).toAbsolutePath().normalize();
        if (!Files.isDirectory(directory.resolve("node_modules"))) {
            if (run(directory, "npm", "ci", "--no-audit", "--no-fund") != 0) {
                throw new IllegalStateException("npm ci failed in " + directory);
            }
        }
        return directory;
    }

    private static int run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
