package dev.authplatform.auth.console;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.admin.UserAdministration;
import dev.authplatform.auth.audit.AuditEventRow;
import dev.authplatform.auth.audit.AuditRepository;
import dev.authplatform.auth.key.KeyRevocation;
import dev.authplatform.auth.mfa.MfaPolicy;
import dev.authplatform.auth.mfa.MultiFactor;
import dev.authplatform.auth.oauth.client.ClientRequest;
import dev.authplatform.auth.oauth.client.ClientResponse;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.auth.verification.EmailVerification;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.common.api.Problem;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.web.InvalidFields;
import dev.authplatform.common.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The admin console ({@code /console}): users, clients, signing keys, the audit trail, the MFA policy and an overview,
 * for the {@code admin} role only. Every change goes through the same services as the admin API, with the same
 * validation, audit entries and revocations.
 */
@Controller("/console")
@Secured(PlatformClaims.ROLE_ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminConsoleController {

    private static final ConsoleArea AREA = ConsoleArea.ADMIN;
    private static final int USERS_PER_PAGE = 20;
    private static final int EVENTS_PER_PAGE = 25;
    private static final List<String> GRANT_TYPES = List.of(ClientService.AUTHORIZATION_CODE, ClientService.REFRESH_TOKEN,
            ClientService.CLIENT_CREDENTIALS);
    private static final List<String> ROLES = List.of(PlatformClaims.ROLE_USER, PlatformClaims.ROLE_ADMIN);

    /** What a change's redirect tells the next page to say (a fixed word in the query, never text from the request). */
    private static final Map<String, String> DONE = Map.ofEntries(
            Map.entry("disabled", "The account is disabled and its sessions have ended everywhere."),
            Map.entry("enabled", "The account is enabled."),
            Map.entry("sessions-ended", "Every session of the account has ended everywhere."),
            Map.entry("session-ended", "The session has ended everywhere."),
            Map.entry("two-step-reset", "The two-step sign-in and recovery codes are removed; the next sign-in takes the password alone."),
            Map.entry("verification-sent", "A new confirmation link is on its way."),
            Map.entry("roles", "The roles are saved. Tokens already issued keep their roles until they expire; end the sessions to apply at once."),
            Map.entry("client-saved", "The client is saved."),
            Map.entry("client-disabled", "The client is disabled; its tokens are refused everywhere."),
            Map.entry("client-enabled", "The client is enabled."),
            Map.entry("client-deleted", "The client is deleted; its tokens are refused everywhere."),
            Map.entry("key-rotated", "A new signing key is current; the previous one is retired and still verifies its tokens until they expire."),
            Map.entry("key-revoked", "The key is revoked: everything it signed is refused everywhere."),
            Map.entry("policy", "The MFA policy is saved."));

    private final ConsolePages pages;
    private final ConsoleFigures figures;
    private final UserRepository users;
    private final AccountService accounts;
    private final UserAdministration administration;
    private final SessionService sessions;
    private final MultiFactor multiFactor;
    private final MfaPolicy mfaPolicy;
    private final EmailVerification verification;
    private final ClientService clients;
    private final KeyRevocation keys;
    private final AuditRepository audit;
    private final Validator validator;
    private final HttpClientAddressResolver addresses;

    AdminConsoleController(ConsolePages pages, ConsoleFigures figures, UserRepository users, AccountService accounts,
                           UserAdministration administration, SessionService sessions, MultiFactor multiFactor, MfaPolicy mfaPolicy,
                           EmailVerification verification, ClientService clients, KeyRevocation keys, AuditRepository audit,
                           Validator validator, HttpClientAddressResolver addresses) {
        this.pages = pages;
        this.figures = figures;
        this.users = users;
        this.accounts = accounts;
        this.administration = administration;
        this.sessions = sessions;
        this.multiFactor = multiFactor;
        this.mfaPolicy = mfaPolicy;
        this.verification = verification;
        this.clients = clients;
        this.keys = keys;
        this.audit = audit;
        this.validator = validator;
        this.addresses = addresses;
    }

    // ---- overview

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> overview(HttpRequest<?> http, Authentication admin) {
        return page(http, "console/overview", "Overview", Map.of("figures", figures.figures(), "userCount", users.countAll(),
                "clientCount", clients.countLive()), admin, null);
    }

    // ---- users

    /** A user as a row of the list and the head of the detail page. */
    record UserLine(String id, String email, String name, String roles, boolean enabled, boolean emailVerified, String created) {
        static UserLine of(UserRow row) {
            return new UserLine(row.id().toString(), row.email(), row.name(), String.join(", ", row.roleList()), row.enabled(),
                    row.emailVerified(), ConsolePages.when(row.createdAt()));
        }
    }

    /** One of a user's sessions: the client, where from, when. */
    record SessionLine(String id, String client, String userAgent, String address, String created, String lastUsed, String amr) {
    }

    @Get(value = "/users", produces = MediaType.TEXT_HTML)
    HttpResponse<?> users(HttpRequest<?> http, @Nullable @QueryValue String q, @Nullable @QueryValue String page, Authentication admin) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 200) {
            query = query.substring(0, 200);
        }
        int pageNumber = pageNumber(page);
        String pattern = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<UserRow> rows = query.isEmpty() ? users.findPage(USERS_PER_PAGE, (long) pageNumber * USERS_PER_PAGE)
                : users.search(pattern, USERS_PER_PAGE, (long) pageNumber * USERS_PER_PAGE);
        long total = query.isEmpty() ? users.countAll() : users.countMatching(pattern);
        Map<String, Object> model = new HashMap<>();
        model.put("users", rows.stream().map(UserLine::of).toList());
        model.put("q", query);
        model.put("total", total);
        model.put("paging", Paging.of(pageNumber, USERS_PER_PAGE, total, "/console/users?q=" + encode(query) + "&page="));
        return page(http, "console/users", "Users", model, admin, null);
    }

    @Get(value = "/users/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> user(HttpRequest<?> http, @PathVariable String id, @Nullable @QueryValue String done, Authentication admin) {
        Optional<UserRow> found = ConsolePages.uuid(id).flatMap(users::findById);
        if (found.isEmpty()) {
            return pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such user", "There is no account with this id.", admin);
        }
        UserRow user = found.get();
        Function<String, String> clientNames = clients.sessionClientNames();
        List<SessionLine> lines = sessions.activeOf(user.id()).stream()
                .map(session -> sessionLine(session, clientNames.apply(session.clientId()))).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("user", UserLine.of(user));
        model.put("hasRole", Map.of(PlatformClaims.ROLE_USER, user.roleList().contains(PlatformClaims.ROLE_USER),
                PlatformClaims.ROLE_ADMIN, user.roleList().contains(PlatformClaims.ROLE_ADMIN)));
        model.put("sessions", lines);
        model.put("twoStep", multiFactor.enabled(user.id()));
        model.put("recoveryCodesLeft", multiFactor.recoveryCodesLeft(user.id()));
        return page(http, "console/user", user.email(), model, admin, done);
    }

    @Post(value = "/users/{id}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> userAction(HttpRequest<?> http, @PathVariable String id, @PathVariable String action,
                               @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> {
            Optional<UserRow> found = ConsolePages.uuid(id).flatMap(users::findById);
            if (found.isEmpty()) {
                return pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such user", "There is no account with this id.", admin);
            }
            UserRow user = found.get();
            String done = switch (action) {
                case "disable" -> {
                    administration.disable(user.id(), admin.getName());
                    yield "disabled";
                }
                case "enable" -> {
                    administration.enable(user.id(), admin.getName());
                    yield "enabled";
                }
                case "end-sessions" -> {
                    administration.endAllSessions(user.id(), admin.getName());
                    yield "sessions-ended";
                }
                case "end-session" -> {
                    Optional<UUID> session = ConsolePages.uuid(form.get("session"));
                    yield session.isPresent() && administration.endSession(user.id(), session.get(), admin.getName()) ? "session-ended" : null;
                }
                case "reset-two-step" -> {
                    administration.resetSecondFactor(user.id(), admin.getName());
                    yield "two-step-reset";
                }
                case "resend-verification" -> {
                    if (user.emailVerified()) {
                        yield null;
                    }
                    verification.send(user, addresses.resolve(http));
                    yield "verification-sent";
                }
                case "roles" -> {
                    List<String> roles = ROLES.stream().filter(role -> "on".equals(form.get("role_" + role))).toList();
                    if (roles.isEmpty()) {
                        yield null;
                    }
                    administration.setRoles(user.id(), roles, admin.getName());
                    yield "roles";
                }
                default -> "unknown";
            };
            if ("unknown".equals(done)) {
                return pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such action", "The console offers no such change.", admin);
            }
            if (done == null) {
                return pages.message(http, AREA, HttpStatus.BAD_REQUEST, "Nothing to do",
                        switch (action) {
                            case "roles" -> "An account needs at least one role. Nothing was changed.";
                            case "resend-verification" -> "The address is already confirmed. Nothing was sent.";
                            default -> "This session is not one of the user's, or it has ended.";
                        }, admin);
            }
            return pages.seeOther("/console/users/" + user.id() + "?done=" + done);
        });
    }

    // ---- clients

    /** The client form's fields as typed, and the errors by field. */
    record ClientForm(String clientId, String name, String type, Map<String, Boolean> grants, String redirectUris,
                      String postLogoutRedirectUris, String scopes, String roles, boolean firstParty, String jwks,
                      String backchannelLogoutUri, Map<String, String> errors) {

        static ClientForm empty() {
            return new ClientForm("", "", "confidential", Map.of(ClientService.AUTHORIZATION_CODE, true, ClientService.REFRESH_TOKEN, true,
                    ClientService.CLIENT_CREDENTIALS, false), "", "", "openid", "", false, "", "", Map.of());
        }

        static ClientForm of(ClientResponse client) {
            Map<String, Boolean> grants = new HashMap<>();
            GRANT_TYPES.forEach(grant -> grants.put(grant, client.grantTypes().contains(grant)));
            return new ClientForm(client.clientId(), client.name(), client.type(), grants, String.join("\n", client.redirectUris()),
                    String.join("\n", client.postLogoutRedirectUris()), String.join(" ", client.scopes()), String.join(" ", client.roles()),
                    client.firstParty(), client.jwks() == null ? "" : JSONObjectUtils.toJSONString(client.jwks()),
                    client.backchannelLogoutUri() == null ? "" : client.backchannelLogoutUri(), Map.of());
        }

        static ClientForm of(Map<String, String> form) {
            Map<String, Boolean> grants = new HashMap<>();
            GRANT_TYPES.forEach(grant -> grants.put(grant, "on".equals(form.get("grant_" + grant))));
            return new ClientForm(field(form, "clientId"), field(form, "name"), field(form, "type"), grants, field(form, "redirectUris"),
                    field(form, "postLogoutRedirectUris"), field(form, "scopes"), field(form, "roles"), "on".equals(form.get("firstParty")),
                    field(form, "jwks"), field(form, "backchannelLogoutUri"), Map.of());
        }

        ClientForm withErrors(Map<String, String> found) {
            return new ClientForm(clientId, name, type, grants, redirectUris, postLogoutRedirectUris, scopes, roles, firstParty, jwks,
                    backchannelLogoutUri, found);
        }

        /** As the API's request; a key set that is not JSON is an error of its own. */
        ClientRequest toRequest(Map<String, String> errors) {
            Map<String, Object> keySet = null;
            if (!jwks.isBlank()) {
                try {
                    keySet = JSONObjectUtils.parse(jwks);
                } catch (ParseException e) {
                    errors.put("jwks", "must be a JSON Web Key Set (a JSON object with \"keys\")");
                }
            }
            return new ClientRequest(clientId.isBlank() ? null : clientId.strip(), name, type.isBlank() ? null : type,
                    GRANT_TYPES.stream().filter(grant -> grants.getOrDefault(grant, false)).toList(), lines(redirectUris),
                    lines(postLogoutRedirectUris), words(scopes), words(roles), firstParty, keySet,
                    backchannelLogoutUri.isBlank() ? null : backchannelLogoutUri.strip(), null);
        }

        private static String field(Map<String, String> form, String name) {
            String value = form.get(name);
            return value == null ? "" : value;
        }

        private static List<String> lines(String text) {
            return Arrays.stream(text.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        }

        private static List<String> words(String text) {
            return Arrays.stream(text.strip().split("[\\s,]+")).filter(word -> !word.isEmpty()).toList();
        }
    }

    @Get(value = "/clients", produces = MediaType.TEXT_HTML)
    HttpResponse<?> clientList(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication admin) {
        return page(http, "console/clients", "Clients", Map.of("clients", clients.list(), "builtIn", ClientService.BUILT_IN_CONSOLE),
                admin, done);
    }

    @Get(value = "/clients/new", produces = MediaType.TEXT_HTML)
    HttpResponse<?> newClient(HttpRequest<?> http, Authentication admin) {
        return clientForm(http, HttpStatus.OK, ClientForm.empty(), true, admin, null);
    }

    @Post(value = "/clients", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> createClient(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> saveClient(http, ClientForm.of(form), null, admin));
    }

    @Get(value = "/clients/{clientId}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> client(HttpRequest<?> http, @PathVariable String clientId, @Nullable @QueryValue String done, Authentication admin) {
        try {
            return clientPage(http, clients.get(clientId), admin, done);
        } catch (ProblemException notFound) {
            return pages.message(http, AREA, notFound.status(), "No such client", notFound.detail(), admin);
        }
    }

    @Post(value = "/clients/{clientId}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> updateClient(HttpRequest<?> http, @PathVariable String clientId, @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> saveClient(http, ClientForm.of(form), clientId, admin));
    }

    @Post(value = "/clients/{clientId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> clientAction(HttpRequest<?> http, @PathVariable String clientId, @PathVariable String action,
                                 @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> switch (action) {
            case "secret" -> secretShown(http, clients.rotateSecret(clientId, admin.getName()), admin);
            case "disable" -> {
                clients.setEnabled(clientId, false, admin.getName());
                yield pages.seeOther("/console/clients/" + encode(clientId) + "?done=client-disabled");
            }
            case "enable" -> {
                clients.setEnabled(clientId, true, admin.getName());
                yield pages.seeOther("/console/clients/" + encode(clientId) + "?done=client-enabled");
            }
            case "delete" -> {
                if (!clientId.equals(form.get("confirm"))) {
                    yield pages.message(http, AREA, HttpStatus.BAD_REQUEST, "Not deleted",
                            "Type the client id to confirm the deletion. Nothing was changed.", admin);
                }
                clients.delete(clientId, admin.getName());
                yield pages.seeOther("/console/clients?done=client-deleted");
            }
            default -> pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such action", "The console offers no such change.", admin);
        });
    }

    private MutableHttpResponse<?> saveClient(HttpRequest<?> http, ClientForm form, @Nullable String clientId,
                                                               Authentication admin) {
        Map<String, String> errors = new LinkedHashMap<>();
        ClientRequest request = form.toRequest(errors);
        for (ConstraintViolation<ClientRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().iterator().next().getName();
            errors.putIfAbsent(field, violation.getMessage());
        }
        if (errors.isEmpty()) {
            try {
                ClientResponse saved = clientId == null ? clients.create(request, admin.getName())
                        : clients.update(clientId, request, admin.getName());
                return saved.clientSecret() != null ? secretShown(http, saved, admin)
                        : pages.seeOther("/console/clients/" + encode(saved.clientId()) + "?done=client-saved");
            } catch (InvalidFields invalid) {
                invalid.errors().forEach((Problem.FieldError error) -> errors.putIfAbsent(error.field(), error.message()));
            }
        }
        return clientId == null ? clientForm(http, HttpStatus.BAD_REQUEST, form.withErrors(errors), true, admin, null)
                : clientFormFor(http, clientId, form.withErrors(errors), admin);
    }

    private MutableHttpResponse<?> clientFormFor(HttpRequest<?> http, String clientId, ClientForm form, Authentication admin) {
        Map<String, Object> model = new HashMap<>();
        model.put("client", clients.get(clientId));
        model.put("form", form);
        model.put("creating", false);
        model.put("builtIn", ClientService.BUILT_IN_CONSOLE.equals(clientId));
        return page(http, "console/client", clientId, model, admin, null).status(HttpStatus.BAD_REQUEST);
    }

    private MutableHttpResponse<?> clientPage(HttpRequest<?> http, ClientResponse client, Authentication admin,
                                                               @Nullable String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("client", client);
        model.put("form", ClientForm.of(client));
        model.put("creating", false);
        model.put("builtIn", ClientService.BUILT_IN_CONSOLE.equals(client.clientId()));
        return page(http, "console/client", client.clientId(), model, admin, done);
    }

    private MutableHttpResponse<?> clientForm(HttpRequest<?> http, HttpStatus status, ClientForm form, boolean creating,
                                                               Authentication admin, @Nullable String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("client", null);
        model.put("form", form);
        model.put("creating", creating);
        model.put("builtIn", false);
        return page(http, "console/client", "New client", model, admin, done).status(status);
    }

    /** The secret, this once, with the client it belongs to. */
    private MutableHttpResponse<?> secretShown(HttpRequest<?> http, ClientResponse client, Authentication admin) {
        return page(http, "console/client-secret", "Client secret", Map.of("client", client), admin, null);
    }

    // ---- keys

    /** A key as the list shows it: its state and how old it is. */
    record KeyLine(String kid, String use, String alg, String state, String created, String age, String retired, String revoked) {
    }

    @Get(value = "/keys", produces = MediaType.TEXT_HTML)
    HttpResponse<?> keys(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication admin) {
        Instant now = Instant.now();
        List<KeyLine> lines = keys.keys().stream().map(key -> new KeyLine(key.kid(), key.use(), key.alg(), key.state(),
                ConsolePages.when(key.createdAt()), age(Duration.between(key.createdAt(), now)), ConsolePages.when(key.retiredAt()),
                ConsolePages.when(key.revokedAt()))).toList();
        return page(http, "console/keys", "Signing keys", Map.of("keys", lines), admin, done);
    }

    @Post(value = "/keys/rotate", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> rotateKey(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> {
            administration.rotateSigningKey(admin.getName());
            return pages.seeOther("/console/keys?done=key-rotated");
        });
    }

    @Post(value = "/keys/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> revokeKey(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> {
            String kid = form.getOrDefault("kid", "");
            if (!"on".equals(form.get("confirm"))) {
                return pages.message(http, AREA, HttpStatus.BAD_REQUEST, "Not revoked",
                        "Tick the box to confirm: revoking a key refuses everything it signed. Nothing was changed.", admin);
            }
            Optional<KeyStatus> revoked = kid.length() > 100 ? Optional.empty() : keys.revoke(kid, admin.getName());
            return revoked.isPresent() ? pages.seeOther("/console/keys?done=key-revoked")
                    : pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such key", "auth-service holds no key with that id.", admin);
        });
    }

    // ---- audit trail

    /** One audit event as the trail lists it. */
    record EventLine(long id, String when, String kind, String outcome, String actor, String subject, String client, String address,
                     String detail, String requestId) {
        static EventLine of(AuditEventRow row) {
            return new EventLine(row.id(), ConsolePages.when(row.occurredAt()), row.kind(), row.outcome(), nz(row.actor()),
                    nz(row.subject()), nz(row.clientId()), nz(row.address()), nz(row.detail()), nz(row.requestId()));
        }

        private static String nz(@Nullable String value) {
            return value == null ? "" : value;
        }
    }

    @Get(value = "/audit", produces = MediaType.TEXT_HTML)
    HttpResponse<?> audit(HttpRequest<?> http, @Nullable @QueryValue String user, @Nullable @QueryValue String client,
                          @Nullable @QueryValue String kind, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                          @Nullable @QueryValue String order, @Nullable @QueryValue String page, Authentication admin) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("user", trimmed(user, 200));
        filters.put("client", trimmed(client, 200));
        filters.put("kind", trimmed(kind, 40));
        filters.put("from", trimmed(from, 10));
        filters.put("to", trimmed(to, 10));
        filters.put("order", "oldest".equals(order) ? "oldest" : "newest");
        Map<String, String> errors = new HashMap<>();
        if (!filters.get("kind").isEmpty() && !filters.get("kind").matches("[a-z-]{1,40}")) {
            errors.put("kind", "A kind is lower-case words joined by '-', such as user-disable.");
        }
        Instant since = day(filters.get("from"), "from", errors).orElse(Instant.EPOCH);
        Instant until = day(filters.get("to"), "to", errors).map(start -> start.plus(Duration.ofDays(1)))
                .orElse(Instant.parse("9999-12-31T23:59:59Z"));
        int pageNumber = pageNumber(page);
        List<EventLine> events = List.of();
        long total = 0;
        if (errors.isEmpty()) {
            String u = blankToNull(filters.get("user"));
            String c = blankToNull(filters.get("client"));
            String k = blankToNull(filters.get("kind"));
            long offset = (long) pageNumber * EVENTS_PER_PAGE;
            events = ("oldest".equals(filters.get("order")) ? audit.findOldestFirst(u, c, k, since, until, EVENTS_PER_PAGE, offset)
                    : audit.findNewestFirst(u, c, k, since, until, EVENTS_PER_PAGE, offset)).stream().map(EventLine::of).toList();
            total = audit.countMatching(u, c, k, since, until);
        }
        StringBuilder base = new StringBuilder("/console/audit?");
        filters.forEach((name, value) -> base.append(name).append('=').append(encode(value)).append('&'));
        Map<String, Object> model = new HashMap<>();
        model.put("filters", filters);
        model.put("errors", errors);
        model.put("events", events);
        model.put("total", total);
        model.put("paging", Paging.of(pageNumber, EVENTS_PER_PAGE, total, base + "page="));
        return page(http, "console/audit", "Audit trail", model, admin, null).status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
    }

    @Get(value = "/audit/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> auditEvent(HttpRequest<?> http, @PathVariable String id, Authentication admin) {
        Optional<AuditEventRow> event;
        try {
            event = audit.findById(Long.parseLong(id));
        } catch (NumberFormatException e) {
            event = Optional.empty();
        }
        return event.<HttpResponse<?>>map(row -> page(http, "console/audit-event", "Audit event " + row.id(),
                        Map.of("event", EventLine.of(row)), admin, null))
                .orElseGet(() -> pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such event", "The audit trail holds no event with this id.", admin));
    }

    // ---- MFA policy

    @Get(value = "/mfa-policy", produces = MediaType.TEXT_HTML)
    HttpResponse<?> policy(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication admin) {
        return page(http, "console/mfa-policy", "MFA policy", Map.of("required", List.copyOf(mfaPolicy.requiredRoles()),
                "configured", List.copyOf(mfaPolicy.configuredRoles()), "roles", ROLES), admin, done);
    }

    @Post(value = "/mfa-policy", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> savePolicy(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication admin) {
        return pages.submit(http, AREA, form, admin, () -> {
            List<String> required = ROLES.stream().filter(role -> "on".equals(form.get("role_" + role))).toList();
            administration.requireSecondFactor(required, SignedInUser.of(admin), admin.getName());
            return pages.seeOther("/console/mfa-policy?done=policy");
        });
    }

    // ---- helpers

    /** Page links: previous and next, and where this page is. */
    record Paging(int page, long pages, String previous, String next) {
        static Paging of(int page, int size, long total, String base) {
            long pages = Math.max(1, (total + size - 1) / size);
            return new Paging(page, pages, page > 0 ? base + (page - 1) : null, page + 1 < pages ? base + (page + 1) : null);
        }
    }

    private MutableHttpResponse<?> page(HttpRequest<?> http, String view, String title, Map<String, Object> model,
                                                         Authentication admin, @Nullable String done) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("notice", done == null ? null : DONE.get(done));
        return pages.page(http, AREA, HttpStatus.OK, view, title, full, admin);
    }

    private static SessionLine sessionLine(SessionRow session, String client) {
        return new SessionLine(session.id().toString(), client, session.userAgent() == null ? "Unknown" : session.userAgent(),
                session.clientAddress() == null ? "Unknown" : session.clientAddress(), ConsolePages.when(session.createdAt()),
                ConsolePages.when(session.lastUsedAt()), String.join(" + ", session.amrList()));
    }


    private static int pageNumber(@Nullable String page) {
        try {
            return page == null ? 0 : Math.min(Math.max(0, Integer.parseInt(page)), 1_000_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Instant> day(String value, String field, Map<String, String> errors) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            errors.put(field, "A day is written 2026-12-31.");
            return Optional.empty();
        }
    }

    private static String trimmed(@Nullable String value, int max) {
        String stripped = value == null ? "" : value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + " d";
        }
        return age.toHours() > 0 ? age.toHours() + " h" : Math.max(0, age.toMinutes()) + " min";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
