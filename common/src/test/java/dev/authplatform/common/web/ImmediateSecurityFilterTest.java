package dev.authplatform.common.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.config.SecurityConfigurationProperties;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The platform's security filter decides every request as Micronaut's does: for each combination of fetchers and
 * rules answering at once, through an operator, or later on another thread, both filters are run on the same request
 * and must agree on everything the rest of the server sees (proceeded or not, the error, the caller and rejection
 * attributes, how often each fetcher and rule was asked).
 */
class ImmediateSecurityFilterTest {

    private static final Authentication ALICE = Authentication.build("alice", List.of("user"));
    private static final Authentication BOB = Authentication.build("bob", List.of("admin"));

    /** How an answer is delivered: as a ready value, through an operator that hides it, or from another thread. */
    enum Delivery {
        NOW, HIDDEN, LATER;

        <T> Publisher<T> of(Mono<T> answer) {
            return switch (this) {
                case NOW -> answer;
                case HIDDEN -> answer.hide();
                case LATER -> answer.hide().publishOn(Schedulers.parallel());
            };
        }
    }

    enum FetcherAnswer {
        FINDS_ALICE, FINDS_BOB, FINDS_NOBODY, FAILS;

        Mono<Authentication> answer() {
            return switch (this) {
                case FINDS_ALICE -> Mono.just(ALICE);
                case FINDS_BOB -> Mono.just(BOB);
                case FINDS_NOBODY -> Mono.empty();
                case FAILS -> Mono.error(new IllegalStateException("fetcher failed"));
            };
        }
    }

    enum RuleAnswer {
        ALLOWS, REJECTS, UNKNOWN, SAYS_NOTHING, FAILS, ALLOWS_ADMINS_ONLY, ALLOWS_ANY_CALLER;

        Mono<SecurityRuleResult> answer(Authentication caller) {
            return switch (this) {
                case ALLOWS -> Mono.just(SecurityRuleResult.ALLOWED);
                case REJECTS -> Mono.just(SecurityRuleResult.REJECTED);
                case UNKNOWN -> Mono.just(SecurityRuleResult.UNKNOWN);
                case SAYS_NOTHING -> Mono.empty();
                case FAILS -> Mono.error(new IllegalArgumentException("rule failed"));
                case ALLOWS_ADMINS_ONLY -> Mono.just(caller != null && caller.getRoles().contains("admin")
                        ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
                case ALLOWS_ANY_CALLER -> Mono.just(caller != null ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
            };
        }
    }

    record Fetcher(FetcherAnswer answer, Delivery delivery) {
    }

    record Rule(RuleAnswer answer, Delivery delivery) {
    }

    /** What the rest of the server sees of one filter's decision. */
    record Outcome(int proceeded, String failure, Object caller, Object rejection, List<Integer> fetcherCalls,
                   List<Integer> ruleCalls) {
    }

    @Test
    void everyCombinationOfReadyAndHiddenAnswersIsDecidedAsMicronautDecidesIt() {
        List<Delivery> deliveries = List.of(Delivery.NOW, Delivery.HIDDEN);
        int compared = 0;
        for (List<Fetcher> fetchers : sequences(fetchers(deliveries), 2)) {
            for (List<Rule> rules : sequences(rules(deliveries), 3)) {
                for (boolean rejectNotFound : new boolean[] {true, false}) {
                    assertSameDecision(fetchers, rules, rejectNotFound);
                    compared++;
                }
            }
        }
        assertEquals(2 * (1 + 8 + 64) * (1 + 14 + 196 + 2744), compared);
    }

    @Test
    void answersThatComeLaterOnAnotherThreadAreDecidedAsMicronautDecidesThem() {
        List<Delivery> all = List.of(Delivery.NOW, Delivery.LATER);
        // Micronaut asks its fetchers all at once and takes whichever finds a caller first; the platform's filter
        // asks them in order. The two agree whenever a later answer is the last fetcher's, which is what is compared.
        List<List<Fetcher>> fetcherSequences = new ArrayList<>();
        for (List<Fetcher> fetchers : sequences(fetchers(all), 2)) {
            if (fetchers.stream().limit(Math.max(0, fetchers.size() - 1)).allMatch(f -> f.delivery() == Delivery.NOW)) {
                fetcherSequences.add(fetchers);
            }
        }
        int compared = 0;
        for (List<Fetcher> fetchers : fetcherSequences) {
            for (List<Rule> rules : sequences(rules(all), 2)) {
                assertSameDecision(fetchers, rules, true);
                compared++;
            }
        }
        assertEquals((1 + 8 + 4 * 8) * (1 + 14 + 196), compared);
    }

    @Test
    void aCallerFoundAtOnceAndAllowedAtOnceReachesTheRouteWithoutAskingFurther() {
        Outcome outcome = run(ImmediateSecurityFilter::new,
                List.of(new Fetcher(FetcherAnswer.FINDS_ALICE, Delivery.NOW), new Fetcher(FetcherAnswer.FINDS_BOB, Delivery.NOW)),
                List.of(new Rule(RuleAnswer.UNKNOWN, Delivery.NOW), new Rule(RuleAnswer.ALLOWS_ANY_CALLER, Delivery.NOW),
                        new Rule(RuleAnswer.REJECTS, Delivery.NOW)),
                true);

        assertEquals(new Outcome(1, null, ALICE, null, List.of(1, 0), List.of(1, 1, 0)), outcome);
    }

    @Test
    void aRejectionIsUnauthorizedWithoutACallerAndForbiddenWithOne() {
        List<Rule> adminsOnly = List.of(new Rule(RuleAnswer.ALLOWS_ADMINS_ONLY, Delivery.NOW));

        Outcome anonymous = run(ImmediateSecurityFilter::new, List.of(new Fetcher(FetcherAnswer.FINDS_NOBODY, Delivery.NOW)), adminsOnly, true);
        Outcome user = run(ImmediateSecurityFilter::new, List.of(new Fetcher(FetcherAnswer.FINDS_ALICE, Delivery.NOW)), adminsOnly, true);
        Outcome admin = run(ImmediateSecurityFilter::new, List.of(new Fetcher(FetcherAnswer.FINDS_BOB, Delivery.NOW)), adminsOnly, true);

        assertEquals(new Outcome(0, AuthorizationException.class.getName(), null, HttpStatus.UNAUTHORIZED,
                List.of(1), List.of(1)), anonymous);
        assertEquals(new Outcome(0, AuthorizationException.class.getName(), ALICE, HttpStatus.FORBIDDEN,
                List.of(1), List.of(1)), user);
        assertEquals(new Outcome(1, null, BOB, null, List.of(1), List.of(1)), admin);
    }

    private static void assertSameDecision(List<Fetcher> fetchers, List<Rule> rules, boolean rejectNotFound) {
        Outcome micronaut = run(SecurityFilter::new, fetchers, rules, rejectNotFound);
        Outcome platform = run(ImmediateSecurityFilter::new, fetchers, rules, rejectNotFound);
        assertEquals(micronaut, platform, () -> "fetchers " + fetchers + ", rules " + rules + ", reject-not-found " + rejectNotFound);
    }

    interface FilterFactory {
        HttpServerFilter create(List<SecurityRule<HttpRequest<?>>> rules, List<AuthenticationFetcher<HttpRequest<?>>> fetchers,
                                SecurityConfigurationProperties configuration);
    }

    private static Outcome run(FilterFactory factory, List<Fetcher> fetchers, List<Rule> rules, boolean rejectNotFound) {
        List<AtomicInteger> fetcherCalls = new ArrayList<>();
        List<AuthenticationFetcher<HttpRequest<?>>> fetcherBeans = new ArrayList<>();
        for (Fetcher fetcher : fetchers) {
            AtomicInteger calls = new AtomicInteger();
            fetcherCalls.add(calls);
            fetcherBeans.add(request -> {
                calls.incrementAndGet();
                return fetcher.delivery().of(fetcher.answer().answer());
            });
        }
        List<AtomicInteger> ruleCalls = new ArrayList<>();
        List<SecurityRule<HttpRequest<?>>> ruleBeans = new ArrayList<>();
        for (Rule rule : rules) {
            AtomicInteger calls = new AtomicInteger();
            ruleCalls.add(calls);
            ruleBeans.add((request, caller) -> {
                calls.incrementAndGet();
                return rule.delivery().of(rule.answer().answer(caller));
            });
        }
        SecurityConfigurationProperties configuration = new SecurityConfigurationProperties();
        configuration.setRejectNotFound(rejectNotFound);
        HttpServerFilter filter = factory.create(ruleBeans, fetcherBeans, configuration);

        MutableHttpRequest<?> request = HttpRequest.GET("/somewhere");
        AtomicInteger proceeded = new AtomicInteger();
        ServerFilterChain chain = new ServerFilterChain() {
            @Override
            public Publisher<MutableHttpResponse<?>> proceed(HttpRequest<?> proceeding) {
                proceeded.incrementAndGet();
                return Mono.just(HttpResponse.ok());
            }
        };
        String failure = null;
        try {
            List<MutableHttpResponse<?>> responses = Flux.from(filter.doFilter(request, chain)).collectList().block(Duration.ofSeconds(10));
            assertEquals(proceeded.get(), responses.size(), "one response for each time the chain went on");
        } catch (RuntimeException e) {
            failure = e.getClass().getName() + (e instanceof AuthorizationException ? "" : ": " + e.getMessage());
        }
        Map<String, Object> attributes = request.getAttributes().asMap();
        return new Outcome(proceeded.get(), failure, attributes.get(SecurityFilter.AUTHENTICATION.toString()),
                attributes.get(SecurityFilter.REJECTION.toString()), counts(fetcherCalls), counts(ruleCalls));
    }

    private static List<Integer> counts(List<AtomicInteger> calls) {
        return calls.stream().map(AtomicInteger::get).toList();
    }

    private static List<Fetcher> fetchers(List<Delivery> deliveries) {
        List<Fetcher> all = new ArrayList<>();
        for (FetcherAnswer answer : FetcherAnswer.values()) {
            deliveries.forEach(delivery -> all.add(new Fetcher(answer, delivery)));
        }
        return all;
    }

    private static List<Rule> rules(List<Delivery> deliveries) {
        List<Rule> all = new ArrayList<>();
        for (RuleAnswer answer : RuleAnswer.values()) {
            deliveries.forEach(delivery -> all.add(new Rule(answer, delivery)));
        }
        return all;
    }

    /** Every sequence of up to {@code longest} elements of {@code alphabet}, the empty one included. */
    private static <T> List<List<T>> sequences(List<T> alphabet, int longest) {
        List<List<T>> all = new ArrayList<>();
        List<List<T>> ofLength = List.of(List.of());
        all.addAll(ofLength);
        for (int length = 1; length <= longest; length++) {
            List<List<T>> longer = new ArrayList<>();
            for (List<T> shorter : ofLength) {
                for (T element : alphabet) {
                    List<T> sequence = new ArrayList<>(shorter);
                    sequence.add(element);
                    longer.add(List.copyOf(sequence));
                }
            }
            all.addAll(longer);
            ofLength = longer;
        }
        return all;
    }
}
