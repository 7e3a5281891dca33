package dev.authplatform.auth.mail;

import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Links in emails point at the hosted pages on auth-service's public URL ({@code auth.issuer}). */
@Singleton
public class EmailedLinks {

    private final String base;

    EmailedLinks(VerifierSettings settings) {
        String issuer = settings.issuer();
        this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** {@code <issuer><path>?token=<token>}. */
    public String to(String path, String token) {
        return base + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** "24 hours", "15 minutes": how long a link works, in words. */
    public static String inWords(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
