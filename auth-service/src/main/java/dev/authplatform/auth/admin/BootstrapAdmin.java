package dev.authplatform.auth.admin;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.password.PasswordHasher;
import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Creates the configured first admin at start if the address is not registered; an existing account is left as it is. */
@Singleton
class BootstrapAdmin implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final BootstrapAdminSettings settings;
    private final UserRepository users;
    private final PasswordHasher hasher;

    BootstrapAdmin(BootstrapAdminSettings settings, UserRepository users, PasswordHasher hasher) {
        this.settings = settings;
        this.users = users;
        this.hasher = hasher;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (!settings.configured()) {
            return;
        }
        String email = settings.email().strip();
        String normalized = UserRow.normalize(email);
        if (users.findByEmailNormalized(normalized).isPresent()) {
            LOG.info("bootstrap admin already exists; left unchanged");
            return;
        }
        int created = users.insertIfAbsent(UUID.randomUUID(), email, normalized, "Administrator", hasher.hash(settings.password()),
                PlatformClaims.ROLE_USER + "," + PlatformClaims.ROLE_ADMIN, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        if (created == 1) {
            LOG.info("bootstrap admin created");
        }
    }
}
