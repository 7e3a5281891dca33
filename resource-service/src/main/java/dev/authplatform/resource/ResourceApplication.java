package dev.authplatform.resource;

import io.micronaut.runtime.Micronaut;

/** resource-service: an example API that verifies auth-service's tokens by itself. */
public final class ResourceApplication {

    private ResourceApplication() {
    }

    public static void main(String[] args) {
        // No banner: it is not a log line, and would break a log stream of JSON lines (LOG_FORMAT=json).
        Micronaut.build(args).mainClass(ResourceApplication.class).banner(false).start();
    }
}
