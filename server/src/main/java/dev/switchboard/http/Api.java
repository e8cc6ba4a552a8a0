package dev.switchboard.http;

import dev.switchboard.decisionlog.DecisionLogStore;
import dev.switchboard.escalation.LifecycleConflict;
import dev.switchboard.escalation.LifecycleForbidden;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.event.EventStreams;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.handoff.IdempotencyKeyReused;
import dev.switchboard.handoff.UnknownResumeToken;
import dev.switchboard.input.Problem;
import dev.switchboard.policy.Policies;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.session.SessionRouter;
import dev.switchboard.tenant.ConsoleSessions;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.webhook.UnknownWebhook;
import dev.switchboard.webhook.Webhooks;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The HTTP API: the whole route table in one place, each route with who may call it, and the cross-cutting steps
 * every request passes through (timing, access check, problem details for every failure).
 */
public final class Api {
    private static final String STARTED = "switchboard.started";

    /** One route: method, path template, who may call it (any of), the query parameters it reads, handler. */
    public record Route(HandlerType method, String path, List<Access> access, Set<String> query, Handler handler) {
        public Route {
            access = List.copyOf(access);
        }

        Route(HandlerType method, String path, Access access, Handler handler) {
            this(method, path, List.of(access), Set.of(), handler);
        }

        Route(HandlerType method, String path, Access access, Set<String> query, Handler handler) {
            this(method, path, List.of(access), query, handler);
        }
    }

    private final List<Route> routes;
    private final Authenticator authenticator;
    private final Metrics metrics;
    private final long maxBodyBytes;
    private final BooleanSupplier accepting;
    private final ConsoleAssets consoleAssets = new ConsoleAssets();

    /** What the API needs from the rest of the server. */
    public record Parts(
            Tenants tenants,
            Policies policies,
            SessionRouter router,
            DecisionLogStore decisions,
            Escalations escalations,
            Webhooks webhooks,
            EventStreams streams,
            ConsoleSessions sessions,
            Clock clock,
            Metrics metrics,
            RateLimiter rateLimiter,
            String adminToken,
            long maxBodyBytes,
            BooleanSupplier ready,
            BooleanSupplier accepting) {}

    public Api(Parts parts) {
        Bodies bodies = new Bodies(parts.maxBodyBytes());
        SystemApi system = new SystemApi(parts.ready(), parts.metrics());
        TenantApi tenants = new TenantApi(parts.tenants(), bodies);
        PolicyApi policies = new PolicyApi(parts.policies(), parts.tenants(), bodies);
        RouteApi route = new RouteApi(parts.router(), parts.tenants(), bodies, parts.metrics());
        DecisionApi decisions = new DecisionApi(parts.decisions());
        EscalationApi escalations = new EscalationApi(parts.escalations(), bodies, parts.clock());
        WebhookApi webhooks = new WebhookApi(parts.webhooks(), bodies);
        EventStreamApi events = new EventStreamApi(parts.streams());
        ConsoleSessionApi console = new ConsoleSessionApi(parts.sessions(), bodies);
        List<Access> agentOrOperator = List.of(Access.AGENT, Access.OPERATOR);
        this.routes = List.of(
                new Route(HandlerType.GET, "/health/live", Access.PUBLIC, system::live),
                new Route(HandlerType.GET, "/health/ready", Access.PUBLIC, system::ready),
                new Route(HandlerType.GET, "/metrics", Access.PUBLIC, system::metrics),
                new Route(HandlerType.GET, "/openapi.json", Access.PUBLIC, system::openApi),
                new Route(HandlerType.POST, "/v1/tenants", Access.INSTANCE_ADMIN, tenants::createTenant),
                new Route(HandlerType.GET, "/v1/tenant", Access.OPERATOR, tenants::currentTenant),
                new Route(HandlerType.POST, "/v1/api-keys", Access.ADMIN, tenants::createKey),
                new Route(HandlerType.GET, "/v1/api-keys", Access.ADMIN, tenants::listKeys),
                new Route(HandlerType.DELETE, "/v1/api-keys/{id}", Access.ADMIN, tenants::revokeKey),
                new Route(HandlerType.GET, "/v1/policy", Access.SUPERVISOR, policies::get),
                new Route(HandlerType.PUT, "/v1/policy", Access.ADMIN, policies::put),
                new Route(HandlerType.GET, "/v1/policy/versions", Access.SUPERVISOR, policies::versions),
                new Route(HandlerType.POST, "/v1/policy/validate", Access.SUPERVISOR, policies::validate),
                new Route(HandlerType.POST, "/v1/policy/test", Access.SUPERVISOR, policies::test),
                new Route(HandlerType.POST, "/v1/route", Access.AGENT, route::route),
                new Route(HandlerType.GET, "/v1/decisions", Access.SUPERVISOR, DecisionApi.PARAMETERS, decisions::list),
                new Route(HandlerType.POST, "/v1/escalations", Access.AGENT, escalations::create),
                new Route(
                        HandlerType.GET,
                        "/v1/escalations",
                        Access.OPERATOR,
                        EscalationApi.LIST_PARAMETERS,
                        escalations::list),
                new Route(HandlerType.POST, "/v1/escalations/auto", Access.AGENT, escalations::auto),
                new Route(
                        HandlerType.POST,
                        "/v1/escalations/expire-overdue",
                        Access.SUPERVISOR,
                        escalations::expireOverdue),
                new Route(HandlerType.GET, "/v1/escalations/{id}", agentOrOperator, Set.of(), escalations::get),
                new Route(HandlerType.POST, "/v1/escalations/{id}/assign", Access.OPERATOR, escalations::assign),
                new Route(HandlerType.POST, "/v1/escalations/{id}/unassign", Access.OPERATOR, escalations::unassign),
                new Route(HandlerType.POST, "/v1/escalations/{id}/resolve", Access.OPERATOR, escalations::resolve),
                new Route(
                        HandlerType.POST,
                        "/v1/escalations/{id}/cancel",
                        List.of(Access.AGENT, Access.SUPERVISOR),
                        Set.of(),
                        escalations::cancel),
                new Route(
                        HandlerType.POST,
                        "/v1/escalations/{id}/resume",
                        agentOrOperator,
                        Set.of(),
                        escalations::resume),
                new Route(
                        HandlerType.GET, "/v1/escalations/{id}/events", agentOrOperator, Set.of(), escalations::events),
                new Route(
                        HandlerType.GET,
                        "/v1/escalations/{id}/wait",
                        agentOrOperator,
                        EscalationApi.WAIT_PARAMETERS,
                        escalations::await),
                new Route(HandlerType.POST, "/v1/resume/{token}", Access.AGENT, escalations::consume),
                new Route(
                        HandlerType.GET,
                        "/v1/stats",
                        Access.SUPERVISOR,
                        EscalationApi.STATS_PARAMETERS,
                        escalations::stats),
                new Route(HandlerType.GET, "/v1/webhooks", Access.ADMIN, webhooks::list),
                new Route(HandlerType.PUT, "/v1/webhooks/{name}", Access.ADMIN, webhooks::put),
                new Route(HandlerType.GET, "/v1/webhooks/{name}", Access.ADMIN, webhooks::get),
                new Route(HandlerType.DELETE, "/v1/webhooks/{name}", Access.ADMIN, webhooks::delete),
                new Route(
                        HandlerType.GET,
                        "/v1/webhooks/{name}/deliveries",
                        Access.ADMIN,
                        WebhookApi.DELIVERY_PARAMETERS,
                        webhooks::deliveries),
                new Route(HandlerType.POST, "/v1/webhooks/{name}/deliveries/{id}/retry", Access.ADMIN, webhooks::retry),
                new Route(
                        HandlerType.GET,
                        "/v1/events/stream",
                        Access.OPERATOR,
                        EventStreamApi.PARAMETERS,
                        events::stream),
                new Route(HandlerType.POST, "/v1/console/session", Access.SIGN_IN, console::signIn),
                new Route(HandlerType.GET, "/v1/console/session", Access.OPERATOR, console::current),
                new Route(HandlerType.DELETE, "/v1/console/session", Access.OPERATOR, console::signOut));
        this.authenticator =
                new Authenticator(parts.tenants(), parts.sessions(), parts.adminToken(), parts.rateLimiter());
        this.metrics = parts.metrics();
        this.maxBodyBytes = parts.maxBodyBytes();
        this.accepting = parts.accepting();
    }

    /**
     * The route's handler behind the checks every route shares: no query parameters on a route that reads none (a
     * route that reads some validates them all itself, reporting every problem at once), and no body on a method
     * that takes none.
     */
    private static Handler edgeChecked(Route route, long maxBodyBytes) {
        boolean takesBody = route.method() == HandlerType.POST || route.method() == HandlerType.PUT;
        return ctx -> {
            String query = ctx.queryString();
            if (!isWellEncoded(query)) {
                throw new ApiProblem(
                        400, "malformed_request", "Bad query string", "the query string has a malformed %-escape");
            }
            if (route.query().isEmpty() && query != null && !ctx.queryParamMap().isEmpty()) {
                throw ApiProblem.validation(ctx.queryParamMap().keySet().stream()
                        .sorted()
                        .map(name -> new Problem(name, "unknown query parameter"))
                        .toList());
            }
            if (!takesBody && hasBody(ctx)) {
                discard(ctx, maxBodyBytes);
                throw new ApiProblem(400, "unexpected_body", "This request takes no body", "send it without a body");
            }
            route.handler().handle(ctx);
        };
    }

    /** Every {@code %} is followed by two hex digits (a malformed escape would silently drop its parameter). */
    static boolean isWellEncoded(String query) {
        if (query == null) {
            return true;
        }
        for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
            if (i + 2 >= query.length()
                    || Character.digit(query.charAt(i + 1), 16) < 0
                    || Character.digit(query.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads and drops a body nobody wants (up to the size limit), so that the client, still sending it, is not cut
     * off by a connection reset before it can read the answer.
     */
    private static void discard(io.javalin.http.Context ctx, long limit) {
        try {
            byte[] buffer = new byte[8192];
            java.io.InputStream in = ctx.req().getInputStream();
            long read = 0;
            for (int n; read <= limit && (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // The client went away or sent too much: the answer stays the same.
        }
    }

    private static boolean hasBody(io.javalin.http.Context ctx) {
        String length = ctx.header("Content-Length");
        return (length != null && !length.strip().equals("0")) || ctx.header("Transfer-Encoding") != null;
    }

    /**
     * Every request starts behind those already waiting. Handlers run on virtual threads, which are never preempted,
     * and the thread that answers a request with a body reads the connection's next request itself when it has
     * already arrived: without this, a few connections were served back to back while the others' requests waited,
     * and the routing load's p99 was half again as long (bench/README.md, "A request goes to the back of the line").
     */
    private static void yieldToWaitingRequests() {
        if (Thread.currentThread().isVirtual()) {
            Thread.yield();
        }
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Gzip as Javalin's default, with the API's own types named as compressible: for any other type Javalin scans its
     * list of excluded types case-insensitively on every response, which cost a tenth of a routing request's CPU.
     */
    private static CompressionStrategy compression() {
        CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
        // As set, and as Jetty gives the type back (without the space before the charset).
        gzip.setAllowedMimeTypes(Stream.of(Json.CONTENT_TYPE, ProblemResponses.CONTENT_TYPE)
                .flatMap(type -> Stream.of(type, type.replace("; ", ";")))
                .toList());
        return gzip;
    }

    /** A Javalin server with this API, not started yet. */
    public Javalin create() {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = maxBodyBytes;
            config.http.prefer405over404 = true;
            config.http.compressionStrategy = compression();
            // No cache of whole header lines: each connection's cache is a trie walked character by character,
            // with a linear search for characters outside its table (as in a bearer key), which cost more per
            // request than parsing those headers.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyProblems()));
            for (Route route : routes) {
                config.routes.addHttpHandler(
                        route.method(),
                        route.path(),
                        edgeChecked(route, maxBodyBytes),
                        route.access().toArray(Access[]::new));
            }
            // The console's files: public (its API calls are what need a session), outside the API's route table.
            config.routes.addHttpHandler(HandlerType.GET, "/console", consoleAssets::page, Access.PUBLIC);
            config.routes.addHttpHandler(HandlerType.GET, "/console/{file}", consoleAssets::file, Access.PUBLIC);
            config.routes.before(ctx -> {
                yieldToWaitingRequests();
                ctx.attribute(STARTED, System.nanoTime());
            });
            config.routes.beforeMatched(ctx -> {
                if (!accepting.getAsBoolean() && !ctx.routeRoles().contains(Access.PUBLIC)) {
                    throw new ApiProblem(503, "not_ready", "Not ready", "the server is starting or stopping")
                            .header("Retry-After", "1");
                }
                authenticator.check(ctx);
            });
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                if (started == null) {
                    return;
                }
                var matched = ctx.endpoints().matchedHttpEndpoint();
                String route = matched == null ? "unmatched" : matched.path;
                metrics.request(
                        Metrics.method(ctx.req().getMethod()), route, ctx.statusCode(), System.nanoTime() - started);
            });
            config.routes.exception(ApiProblem.class, (e, ctx) -> ProblemResponses.write(ctx, e));
            config.routes.exception(
                    LifecycleConflict.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    LifecycleForbidden.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    UnknownEscalation.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    UnknownResumeToken.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    StaleVersionException.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    IdempotencyKeyReused.class, (e, ctx) -> ProblemResponses.write(ctx, DomainProblems.of(e)));
            config.routes.exception(
                    UnknownWebhook.class, (e, ctx) -> ProblemResponses.write(ctx, ApiProblem.notFound("webhook")));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 413) {
                    ProblemResponses.write(ctx, Bodies.tooLarge(maxBodyBytes));
                } else {
                    ProblemResponses.write(ctx, e);
                }
            });
            config.routes.exception(Exception.class, (e, ctx) -> ProblemResponses.writeUnexpected(ctx, e));
        });
    }
}
