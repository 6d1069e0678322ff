package com.productflow.functions.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.config.SettingsSource;
import com.productflow.extract.load.CsvLoader;
import com.productflow.extract.sql.Database;
import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.state.dynamo.DynamoClients;
import com.productflow.state.dynamo.StateTables;
import com.productflow.testsupport.LocalPostgres;
import com.productflow.testsupport.LocalServer;
import com.productflow.testsupport.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A rotated database password is picked up without a restart: the extract handler, built as Lambda builds
 * it from settings ({@code DB_TYPE=postgresql}, {@code DB_SECRET_ARN}), reads the secret through
 * Powertools from a real Secrets Manager API (moto's server) at invocation, against a real PostgreSQL
 * server with password authentication. Between two invocations the password changes in both; the
 * cache's max age (1 h) has not run out, so only the refresh after the refused login can find the new one.
 * Skips, saying why on stderr, without PostgreSQL's server binaries or moto.
 */
class RotatingSecretTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "first-password-" + UUID.randomUUID();
    private static final String SECOND = "second-password-" + UUID.randomUUID();
    private static final Map<String, String> PROPERTIES = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "moto", "aws.secretAccessKey", "moto");
    @RegisterExtension
    static final LocalServer<MotoServer> MOTO = LocalServer.moto("reading a rotated database password from Secrets Manager");
    @RegisterExtension
    static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();
    private static LocalPostgres postgres;
    private static SecretsManagerClient secrets;
    private static final Map<String, String> previousProperties = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = LocalPostgres.binaries();
        if (bin.isEmpty()) {
            System.err.println("SKIPPED RotatingSecretTest: no PostgreSQL server binaries (initdb, postgres)"
                    + " under /usr/lib/postgresql/*/bin or on PATH");
        }
        Assumptions.assumeTrue(bin.isPresent(), "no PostgreSQL server binaries");
        postgres = LocalPostgres.startWithPassword(bin.get(), FIRST);
        URI moto = MOTO.get().endpoint();
        // What Lambda's environment gives the SDK: a region, credentials and (here) the endpoint, the SDK's
        // own AWS_ENDPOINT_URL_SECRETS_MANAGER as a system property.
        Map<String, String> properties = new HashMap<>(PROPERTIES);
        properties.put("aws.endpointUrlSecretsManager", moto.toString());
        properties.forEach((key, value) -> previousProperties.put(key, System.setProperty(key, value)));
        secrets = SecretsManagerClient.builder().endpointOverride(moto).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("moto", "moto")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        previousProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        for (AutoCloseable closeable : new AutoCloseable[] {secrets, postgres}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Best effort.
            }
        }
    }

    private static String secret(String password) {
        return JSON.createObjectNode().put("engine", "postgres").put("host", "127.0.0.1").put("port", postgres.port())
                .put("dbname", "postgres").put("username", "productflow").put("password", password).toString();
    }

    private static JsonNode invoke(ExtractHandler handler) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{\"file\":{},\"executionId\":\"e\"}".getBytes(StandardCharsets.UTF_8)), out, null);
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void aPasswordRotatedBetweenTwoInvocationsIsReadAgainWithoutARestart(@TempDir Path dir) throws Exception {
        String name = "productflow/db-" + UUID.randomUUID();
        Database first = new Database(postgres.jdbcUrl(), "productflow", FIRST);
        new CsvLoader(first).load(Path.of("../../samples/products.csv"), dir.resolve("rejects.csv"));
        String table = "files-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = DynamoClients.local(Dynalite.shared().endpoint())) {
            StateTables.createIfMissing(dynamo, table);
        }
        // The secret does not exist yet: building the handler (Lambda's init, what a SnapStart snapshot
        // keeps) must not read it. DB_SECRET_ARN takes a name as well as an ARN, as Secrets Manager does.
        ExtractHandler handler = new ExtractHandler(SettingsSource.of(Map.ofEntries(
                Map.entry("DB_TYPE", "postgresql"), Map.entry("DB_SECRET_ARN", name), Map.entry("DB_SECRET_MAX_AGE", "1h"),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", KAFKA.get().bootstrapServers()), Map.entry("KAFKA_TOPIC", "products-" + UUID.randomUUID()),
                Map.entry("KAFKA_CONNECT_TIMEOUT", "10s"), Map.entry("KAFKA_REQUEST_TIMEOUT", "10s"), Map.entry("KAFKA_DELIVERY_TIMEOUT", "30s"),
                Map.entry("EXTRACT_MODE", "full"), Map.entry("EXTRACT_TODAY", "2026-11-25"),
                Map.entry("STATE_TABLE", table), Map.entry("DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString()))));
        secrets.createSecret(r -> r.name(name).secretString(secret(FIRST)));

        JsonNode before = invoke(handler);

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), "productflow", FIRST); Statement s = c.createStatement()) {
            s.execute("ALTER USER productflow PASSWORD '" + SECOND + "'");
        }
        secrets.putSecretValue(r -> r.secretId(name).secretString(secret(SECOND)));
        assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), "productflow", FIRST).close())
                .isInstanceOf(SQLException.class).satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));

        JsonNode after = invoke(handler);

        assertThat(before.get("published").asLong()).isPositive().isEqualTo(before.get("selected").asLong());
        assertThat(after.get("published").asLong()).isEqualTo(before.get("published").asLong());
        assertThat(after.get("failed").asLong()).isZero();
    }
}
