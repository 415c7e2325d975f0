package dev.pipelog.api;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The listener's guards, in order: on a loopback bind, a {@code Host} that is not a loopback name is
 * refused (a DNS-rebinding page reaches 127.0.0.1 under its own name); with a token configured,
 * every request needs the token (compared in constant time), as {@code Authorization: Bearer <token>}
 * or in the shippers' own ways ({@link #presentedToken}); a
 * state-changing request whose {@code Origin} is not allowed is refused, so no web page can inject
 * or wipe logs. CORS preflights pass the token check: browsers never send credentials on them.
 */
final class SecurityHandler implements HttpHandler {
    private static final HttpString SEQ_API_KEY = new HttpString("X-Seq-ApiKey");
    private static final Set<HttpString> SAFE_METHODS = Set.of(Methods.GET, Methods.HEAD, Methods.OPTIONS);

    private final HttpHandler next;
    private final boolean loopbackBind;
    private final byte[] tokenDigest;
    private final Set<String> allowOrigins;

    SecurityHandler(HttpHandler next, boolean loopbackBind, String token, List<String> allowOrigins) {
        this.next = next;
        this.loopbackBind = loopbackBind;
        this.tokenDigest = token == null || token.isEmpty() ? null : digest(token);
        this.allowOrigins = Set.copyOf(allowOrigins);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (loopbackBind && !LoopbackNames.isLoopbackHost(exchange.getRequestHeaders().getFirst(Headers.HOST))) {
            throw new ApiException(403, "forbidden_host",
                    "this listener answers only to a loopback host name (localhost, 127.0.0.1, [::1])");
        }
        if (tokenDigest != null && !isPreflight(exchange) && !tokenMatches(exchange)) {
            throw new ApiException(401, "unauthorized", "send Authorization: Bearer <PIPELOG_API_TOKEN> (or Splunk"
                    + " <token>, Basic with the token as password, X-Seq-ApiKey)");
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && !SAFE_METHODS.contains(exchange.getRequestMethod()) && !allowOrigins.contains(origin)) {
            throw new ApiException(403, "forbidden_origin",
                    "requests from the web origin " + origin + " may not change logs; allow it in ALLOW_ORIGINS");
        }
        next.handleRequest(exchange);
    }

    static boolean isPreflight(HttpServerExchange exchange) {
        return exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains(Headers.ORIGIN)
                && exchange.getRequestHeaders().contains("Access-Control-Request-Method");
    }

    private boolean tokenMatches(HttpServerExchange exchange) {
        String given = presentedToken(exchange);
        // Digests have equal length, so the comparison time says nothing about the token.
        return given != null && MessageDigest.isEqual(tokenDigest, digest(given));
    }

    /**
     * The token as each shipper carries it: {@code Authorization: Bearer <token>} (Pipelog, OTLP),
     * {@code Splunk <token>} (HEC), {@code Basic} with the token as password (Loki, Elasticsearch
     * shippers), or {@code X-Seq-ApiKey} (Seq). Never from the query string, which ends up in logs.
     */
    static String presentedToken(HttpServerExchange exchange) {
        String seqKey = exchange.getRequestHeaders().getFirst(SEQ_API_KEY);
        if (seqKey != null && !seqKey.isBlank()) {
            return seqKey.strip();
        }
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        int space = a.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = a.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = a.substring(space + 1).strip();
        switch (scheme) {
            case "bearer": case "splunk":
                return credentials;
            case "basic":
                try {
                    String userAndPassword = new String(java.util.Base64.getDecoder().decode(credentials),
                            StandardCharsets.UTF_8);
                    int colon = userAndPassword.indexOf(':');
                    return colon < 0 ? null : userAndPassword.substring(colon + 1);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            default:
                return null;
        }
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Loopback names, for the bind address and for Host headers. */
    static final class LoopbackNames {
        private LoopbackNames() {
        }

        static boolean isLoopbackBind(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
        }

        static boolean isLoopbackHost(String hostHeader) {
            if (hostHeader == null) {
                return false;
            }
            String h = hostHeader.strip().toLowerCase(Locale.ROOT);
            if (h.startsWith("[")) {
                int end = h.indexOf(']');
                return end > 0 && h.substring(1, end).equals("::1");
            }
            int colon = h.indexOf(':');
            String name = colon >= 0 ? h.substring(0, colon) : h;
            return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }
    }
}
