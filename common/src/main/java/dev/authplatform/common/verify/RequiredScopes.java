package dev.authplatform.common.verify;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scopes an access token must carry, every one of them, for a route (RFC 6750 section 3.1:
 * {@code insufficient_scope}). Put it beside {@code @Secured}, which still decides who may call at all:
 * <pre>{@code
 * @Get("/reports") @Secured(SecurityRule.IS_AUTHENTICATED) @RequiredScopes("reports:read")
 * }</pre>
 * A user's token and a service's token are judged alike: what counts is the {@code scope} claim.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiredScopes {

    String[] value();
}
