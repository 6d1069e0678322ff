package com.productflow.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.productflow.local.LocalSystem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local web console: plain HTML, CSS and a little JavaScript served from {@code src/main/resources/console/},
 * and a JSON API over the running local system ({@link ConsoleApi}). Binds 127.0.0.1 only. Every request must name
 * this server in {@code Host} (no DNS rebinding); actions are POST only, must come from this origin ({@code Origin})
 * and carry the per-run token the page was served with, so no other web page can drive them.
 */
public final class ConsoleServer implements AutoCloseable {
    static final String TOKEN_HEADER = "X-Console-Token";
    private static final Set<String> STATIC = Set.of("app.js", "app.css", "graph.js");
    private static final Set<String> ACTIONS = Set.of("/api/verify", "/api/requeue", "/api/redrive", "/api/backfill");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService workers;
    private final ConsoleApi api;
    private final String token;
    private final Set<String> hosts;
    private final Set<String> origins;

    private ConsoleServer(HttpServer server, ExecutorService workers, ConsoleApi api, String token) {
        this.server = server;
        this.workers = workers;
        this.api = api;
        this.token = token;
        int port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /** Serves the console of {@code system} on 127.0.0.1 and a free port. */
    public static ConsoleServer start(LocalSystem system) throws IOException {
        ConsoleApi api = new ConsoleApi(system.endpoints(), system.state(), system.s3());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "productflow-console");
            t.setDaemon(true);
            return t;
        });
        ConsoleServer console = new ConsoleServer(server, workers, api, HexFormat.of().formatHex(random));
        server.createContext("/", console::handle);
        server.setExecutor(workers);
        server.start();
        return console;
    }

    /** The console's address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) {
        try {
            try {
                route(exchange);
            } catch (ConsoleException e) {
                sendJson(exchange, e.status(), ConsoleApi.JSON.createObjectNode().put("error", e.getMessage()));
            } catch (RuntimeException e) {
                // The page shows a message, never a stack trace; the trace goes to the terminal running `local`.
                System.err.println("productflow console: " + exchange.getRequestURI().getPath() + ": " + e);
                sendJson(exchange, 500, ConsoleApi.JSON.createObjectNode().put("error", "the console failed: " + e.getMessage()));
            }
        } catch (IOException | UncheckedIOException e) {
            // The browser went away mid-answer; nothing to tell it.
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host)) {
            throw new ConsoleException(421, "this console answers only as " + url() + " (Host was '" + host + "')");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.startsWith("/api/") && method.equals("POST")) {
            checkAction(exchange);
            JsonNode body = body(exchange);
            ObjectNode answer = switch (path) {
                case "/api/verify" -> api.verify(text(body, "bucket"), text(body, "key"));
                case "/api/requeue" -> api.requeue(text(body, "bucket"), text(body, "key"));
                case "/api/redrive" -> api.redrive();
                case "/api/backfill" -> api.backfill(text(body, "prefix"));
                default -> throw ConsoleException.notFound("no action " + path);
            };
            sendJson(exchange, 200, answer);
            return;
        }
        if (ACTIONS.contains(path)) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new ConsoleException(405, path + " is an action: POST only");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new ConsoleException(405, method + " is not allowed here");
        }
        switch (path) {
            case "/", "/index.html" -> sendPage(exchange);
            case "/api/overview" -> sendJson(exchange, 200, api.overview());
            case "/api/files" -> sendJson(exchange, 200, api.files(query.get("status"), query.get("q")));
            case "/api/file" -> sendJson(exchange, 200, api.file(query.get("bucket"), query.get("key")));
            case "/api/execution" -> sendJson(exchange, 200, api.execution(query.get("arn")));
            case "/api/topic" -> sendJson(exchange, 200, api.topic(limit(query.get("limit"))));
            case "/api/output" -> sendDownload(exchange, api.output(query.get("bucket"), query.get("key")));
            default -> sendStatic(exchange, path.substring(1));
        }
    }

    /** Same-origin, token-carrying POSTs only: a form or script on another site has neither. */
    private void checkAction(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin == null || !origins.contains(origin)) {
            throw new ConsoleException(403, "actions are accepted only from the console's own page (Origin was '" + origin + "')");
        }
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ConsoleException(403, "this action lacks the console's token for this run (reload the page)");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(64 * 1024);
        if (bytes.length == 0) {
            return ConsoleApi.JSON.createObjectNode();
        }
        try {
            JsonNode node = ConsoleApi.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ConsoleException.badInput("the request body must be a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ConsoleException.badInput("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static int limit(String text) {
        if (text == null) {
            return 50;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 500) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ConsoleException.badInput("limit must be a number from 1 to 500, got '" + text + "'");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    private void sendPage(HttpExchange exchange) throws IOException {
        String html = new String(resource("index.html"), StandardCharsets.UTF_8).replace("{{TOKEN}}", token);
        send(exchange, 200, TYPES.get("html"), html.getBytes(StandardCharsets.UTF_8));
    }

    private void sendStatic(HttpExchange exchange, String name) throws IOException {
        if (!STATIC.contains(name)) {
            throw ConsoleException.notFound("no page /" + name);
        }
        send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), resource(name));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", ConsoleApi.JSON.writeValueAsBytes(body));
    }

    private static void sendDownload(HttpExchange exchange, ConsoleApi.Download download) throws IOException {
        try (InputStream in = download.body()) {
            headers(exchange, "application/xml");
            String safe = download.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + safe + "\"");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        headers(exchange, type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void headers(HttpExchange exchange, String type) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
