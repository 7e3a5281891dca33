package dev.authplatform.resource;

import io.micronaut.runtime.Micronaut;

/** resource-service: an example API that verifies auth-service's tokens by itself. */
public final class ResourceApplication {

    private ResourceApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ResourceApplication.class, args);
    }
}
