package com.productflow.pipeline.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.productflow.common.config.InvalidSettingException;
import com.productflow.extract.sql.Database;
import java.io.IOException;

/**
 * A PostgreSQL connection from a Secrets Manager secret in the RDS form
 * ({@code {"engine":"postgres","host":…,"port":5432,"dbname":…,"username":…,"password":…}}), or with a
 * ready {@code jdbcUrl}. The password never leaves the {@link Database} (whose toString hides it).
 */
public final class SecretDatabase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretDatabase() {}

    public static Database parse(String secretArn, String secretJson) {
        JsonNode secret;
        try {
            secret = JSON.readTree(secretJson);
        } catch (IOException e) {
            throw new InvalidSettingException("DB_SECRET_ARN", "secret " + secretArn + " is not JSON");
        }
        if (secret == null || !secret.hasNonNull("username") || !secret.hasNonNull("password")) {
            throw new InvalidSettingException("DB_SECRET_ARN", "secret " + secretArn + " needs username and password");
        }
        String url = secret.hasNonNull("jdbcUrl") ? secret.get("jdbcUrl").asText() : jdbcUrl(secretArn, secret);
        return new Database(url, secret.get("username").asText(), secret.get("password").asText());
    }

    private static String jdbcUrl(String secretArn, JsonNode secret) {
        if (!secret.hasNonNull("host") || !secret.hasNonNull("dbname")) {
            throw new InvalidSettingException("DB_SECRET_ARN", "secret " + secretArn + " needs jdbcUrl, or host and dbname");
        }
        return "jdbc:postgresql://" + secret.get("host").asText() + ":" + secret.path("port").asInt(5432) + "/" + secret.get("dbname").asText();
    }
}
