package dev.pipelog.api;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.store.LogStore;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener: an embedded Undertow server over the engine's services. Handlers form one chain,
 * outermost first: graceful shutdown → exception mapping → security → CORS → correlation id →
 * request logging → body limit → routing → (per route) blocking dispatch for store work.
 *
 * <p>Start once, stop once; {@link #stop(Duration)} stops accepting, lets in-flight requests finish,
 * then closes the sockets. The caller flushes the engine afterwards. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Settings settings;
    private final LogStore store;
    private final Intake intake;
    private final HealthService health;
    private final PipelineSettingsService pipelineSettings;
    private final BodyBudget bodyBudget;
    private Undertow undertow;
    private SyslogListener syslog;
    private GelfListener gelf;
    private GracefulShutdownHandler graceful;
    private int port;

    public ApiServer(Settings settings, LogStore store, Intake intake, HealthService health,
                     PipelineSettingsService pipelineSettings) {
        this(settings, store, intake, health, pipelineSettings,
                BodyBudget.defaultCapacity(Objects.requireNonNull(settings, "settings").maxBodyBytes()));
    }

    /** @param bodyBudgetBytes how many bytes of request bodies may be held at once (tests set a small one) */
    ApiServer(Settings settings, LogStore store, Intake intake, HealthService health,
              PipelineSettingsService pipelineSettings, long bodyBudgetBytes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.health = Objects.requireNonNull(health, "health");
        this.pipelineSettings = Objects.requireNonNull(pipelineSettings, "pipelineSettings");
        this.bodyBudget = new BodyBudget(bodyBudgetBytes, settings.maxBodyBytes());
    }

    /**
     * @throws ApiStartException when the bind address is not loopback and no token is set, or the
     *                           port cannot be bound
     */
    public synchronized void start() {
        if (undertow != null) {
            throw new IllegalStateException("already started");
        }
        boolean loopback = SecurityHandler.LoopbackNames.isLoopbackBind(settings.host());
        if (!loopback && !settings.hasApiToken()) {
            throw new ApiStartException("PIPELOG_HOST=" + settings.host() + " is not a loopback address; set"
                    + " PIPELOG_API_TOKEN (at least 16 characters) so only holders of the token can send or read logs",
                    null);
        }
        graceful = new GracefulShutdownHandler(chain(loopback));
        Undertow server = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, settings.maxBodyBytes() + BodyLimitHandler.MAX_DRAIN_BYTES)
                .setHandler(graceful)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new ApiStartException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + "); choose another with --port or PIPELOG_PORT", e);
        }
        undertow = server;
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        LOG.info("listening on {}", url());
        if (settings.syslogPort().isPresent()) {
            try {
                syslog = SyslogListener.start(intake, settings.syslogPort().getAsInt());
            } catch (java.io.IOException e) {
                undertow.stop();
                undertow = null;
                throw new ApiStartException("cannot listen for syslog on 127.0.0.1:" + settings.syslogPort().getAsInt()
                        + " (" + e.getMessage() + "); choose another with --syslog-port or PIPELOG_SYSLOG_PORT", e);
            }
        }
        if (settings.gelfPort().isPresent()) {
            try {
                gelf = GelfListener.start(intake, settings.gelfPort().getAsInt(), settings.maxBodyBytes());
            } catch (java.io.IOException e) {
                if (syslog != null) {
                    syslog.stop(Duration.ofSeconds(1));
                    syslog = null;
                }
                undertow.stop();
                undertow = null;
                throw new ApiStartException("cannot listen for GELF on 127.0.0.1:" + settings.gelfPort().getAsInt()
                        + " (" + e.getMessage() + "); choose another with --gelf-port or PIPELOG_GELF_PORT", e);
            }
        }
    }

    private HttpHandler chain(boolean loopback) {
        long maxBody = settings.maxBodyBytes();
        HttpHandler h = ApiRoutes.routing(ApiRoutes.table(store, intake, health, pipelineSettings, maxBody, bodyBudget,
                new OverloadCount(), settings.lokiPipelineLabels()));
        h = new BodyLimitHandler(h, maxBody);
        h = new BodyIdleHandler(h, settings.bodyIdleTimeout());
        if (settings.requestLogging()) {
            h = new RequestLoggingHandler(h, intake);
        }
        h = new CorrelationIdHandler(h);
        h = new CorsHandler(h, settings.allowOrigins());
        h = new SecurityHandler(h, loopback, settings.apiToken(), settings.allowOrigins());
        return new ExceptionMappingHandler(h, maxBody);
    }

    /** The syslog listener's TCP and UDP port. */
    public synchronized java.util.OptionalInt syslogPort() {
        requireStarted();
        return syslog == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(syslog.port());
    }

    /** The GELF listener's TCP and UDP port. */
    public synchronized java.util.OptionalInt gelfPort() {
        requireStarted();
        return gelf == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(gelf.port());
    }

    public synchronized int port() {
        requireStarted();
        return port;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:5170/}. */
    public synchronized URI url() {
        requireStarted();
        String host = settings.host().contains(":") && !settings.host().startsWith("[")
                ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port + "/");
    }

    /**
     * Stops accepting requests (new ones get 503), waits up to {@code grace} for those in flight,
     * then closes the listener. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (undertow == null) {
            return;
        }
        graceful.shutdown();
        if (syslog != null) {
            syslog.stop(grace);
            syslog = null;
        }
        if (gelf != null) {
            gelf.stop(grace);
            gelf = null;
        }
        try {
            if (!graceful.awaitShutdown(grace.toMillis())) {
                LOG.warn("requests still in flight after {} ms; closing anyway", grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        undertow = null;
        LOG.info("listener stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void requireStarted() {
        if (undertow == null) {
            throw new IllegalStateException("not started");
        }
    }
}
