package dev.pipelog.api;

import dev.pipelog.config.Settings;
import dev.pipelog.ingest.HealthService;
import dev.pipelog.ingest.Intake;
import dev.pipelog.ingest.IntakeBatch;
import dev.pipelog.model.LogRecord;
import dev.pipelog.ingest.PipelineSettingsService;
import dev.pipelog.store.LogStore;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.XnioExecutor;

/**
 * The HTTP listener: an embedded Undertow server over the engine's services. Handlers form one chain,
 * outermost first: graceful shutdown → exception mapping → security → CORS → correlation id →
 * request logging → body limit → routing → (per route) blocking dispatch for store work.
 *
 * <p>Start once, stop once; {@link #stop(Duration)} stops accepting, lets in-flight requests finish,
 * then closes the sockets. The caller flushes the engine afterwards. Thread-safe.
 *
 * <p>Intake requests answered 2xx are counted, not logged one by one: every
 * {@link #INTAKE_SUMMARY_INTERVAL} (and once more at stop) each client that sent some gets one summary
 * record, written from a timer on one of the server's IO threads.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final Duration INTAKE_SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final Settings settings;
    private final LogStore store;
    private final Intake intake;
    private final HealthService health;
    private final PipelineSettingsService pipelineSettings;
    private final BodyBudget bodyBudget;
    private final Duration intakeSummaryInterval;
    private final IntakeRequestTally intakeRequests = new IntakeRequestTally();
    private XnioExecutor.Key intakeSummaryTimer;
    private HttpListener listener;
    private SyslogListener syslog;
    private GelfListener gelf;
    private GracefulShutdownHandler graceful;
    private int port;

    public ApiServer(Settings settings, LogStore store, Intake intake, HealthService health,
                     PipelineSettingsService pipelineSettings) {
        this(settings, store, intake, health, pipelineSettings,
                BodyBudget.defaultCapacity(Objects.requireNonNull(settings, "settings").maxBodyBytes()),
                INTAKE_SUMMARY_INTERVAL);
    }

    /**
     * @param bodyBudgetBytes       how many bytes of request bodies may be held at once (tests set a small one)
     * @param intakeSummaryInterval how often each client's intake requests are summarised in one record
     */
    ApiServer(Settings settings, LogStore store, Intake intake, HealthService health,
              PipelineSettingsService pipelineSettings, long bodyBudgetBytes, Duration intakeSummaryInterval) {
        this.intakeSummaryInterval = Objects.requireNonNull(intakeSummaryInterval, "intakeSummaryInterval");
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
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        boolean loopback = SecurityHandler.LoopbackNames.isLoopbackBind(settings.host());
        if (!loopback && !settings.hasApiToken()) {
            throw new ApiStartException("PIPELOG_HOST=" + settings.host() + " is not a loopback address; set"
                    + " PIPELOG_API_TOKEN (at least 16 characters) so only holders of the token can send or read logs",
                    null);
        }
        graceful = new GracefulShutdownHandler(chain(loopback));
        HttpListener started;
        try {
            started = HttpListener.start(settings.host(), settings.port(), OptionMap.create(
                    UndertowOptions.MAX_ENTITY_SIZE, settings.maxBodyBytes() + BodyLimitHandler.MAX_DRAIN_BYTES), graceful);
        } catch (IOException | RuntimeException e) {
            throw new ApiStartException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
                    + "); choose another with --port or PIPELOG_PORT", e);
        }
        listener = started;
        if (settings.requestLogging()) {
            intakeSummaryTimer = started.worker().getIoThread().executeAtInterval(this::storeIntakeSummaries,
                    intakeSummaryInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
        port = started.port();
        LOG.info("listening on {}", url());
        if (settings.syslogPort().isPresent()) {
            try {
                syslog = SyslogListener.start(intake, settings.syslogPort().getAsInt());
            } catch (java.io.IOException e) {
                listener.stop();
                listener = null;
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
                listener.stop();
                listener = null;
                throw new ApiStartException("cannot listen for GELF on 127.0.0.1:" + settings.gelfPort().getAsInt()
                        + " (" + e.getMessage() + "); choose another with --gelf-port or PIPELOG_GELF_PORT", e);
            }
        }
    }

    private HttpHandler chain(boolean loopback) {
        long maxBody = settings.maxBodyBytes();
        HttpHandler h = ApiRoutes.routing(ApiRoutes.table(store, intake, health, pipelineSettings, maxBody, bodyBudget,
                new OverloadCount(), intakeRequests, settings.lokiPipelineLabels()));
        h = new BodyLimitHandler(h, maxBody);
        h = new BodyIdleHandler(h, settings.bodyIdleTimeout());
        h = new RequestLoggingHandler(h, intake, intakeRequests, settings.requestLogging());
        h = new CorrelationIdHandler(h);
        h = new CorsHandler(h, settings.allowOrigins());
        h = new SecurityHandler(h, loopback, settings.apiToken(), settings.allowOrigins());
        return new ExceptionMappingHandler(h, maxBody);
    }

    private void storeIntakeSummaries() {
        try {
            List<LogRecord> summaries = intakeRequests.drainSummaries(Instant.now(), intakeSummaryInterval);
            if (!summaries.isEmpty()) {
                intake.submit(IntakeBatch.withServerIds(summaries)).whenComplete((result, error) -> {
                    if (error != null) {
                        LOG.warn("intake request summaries not stored", error);
                    }
                });
            }
        } catch (RuntimeException e) {
            // A timer task that throws is never run again; the cause goes to Pipelog's own log.
            LOG.warn("intake request summaries not submitted", e);
        }
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
        if (listener == null) {
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
        if (intakeSummaryTimer != null) {
            intakeSummaryTimer.remove();
            intakeSummaryTimer = null;
            // The requests since the last summary; the caller flushes the engine after this.
            storeIntakeSummaries();
        }
        listener.stop();
        listener = null;
        LOG.info("listener stopped");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void requireStarted() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
    }
}
