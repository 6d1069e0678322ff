package com.productflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.productflow.local.LocalStackFile;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code productflow env}: {@code export} lines for the live local stack, so {@code eval "$(./productflow env)"}
 * points the AWS CLI, boto3 and the SDKs at it with no flags. One of the exceptions to the one-JSON-line rule.
 */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = {
            "Prints export lines for the local stack running in this folder (.productflow/local.json, written by"
                    + " `productflow local`): AWS_ENDPOINT_URL_S3/_DYNAMODB/_SFN/_LAMBDA, the local keys, the region and"
                    + " KAFKA_BOOTSTRAP_SERVERS. Use: eval \"$(./productflow env)\".",
            "Prints nothing and exits 1 when no local stack is running here."
        })
public final class EnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalStackFile file = LocalStackFile.inWorkingFolder();
        Optional<JsonNode> live = file.live();
        if (live.isEmpty()) {
            spec.commandLine().getErr().println("productflow env: no local stack is running in this folder ("
                    + file.path() + (file.stale() ? " is stale: its process is gone" : " is missing") + "); start one with ./productflow local");
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        exports(live.get()).forEach((k, v) -> out.println("export " + k + "=" + quote(v)));
        out.flush();
        return 0;
    }

    static Map<String, String> exports(JsonNode stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ENDPOINT_URL_S3", stack.path("s3").asText());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", stack.path("dynamodb").asText());
        env.put("AWS_ENDPOINT_URL_SFN", stack.path("stepfunctions").asText());
        env.put("AWS_ENDPOINT_URL_LAMBDA", stack.path("lambda").asText());
        env.put("AWS_ACCESS_KEY_ID", stack.path("accessKey").asText());
        env.put("AWS_SECRET_ACCESS_KEY", stack.path("secretKey").asText());
        env.put("AWS_REGION", stack.path("region").asText());
        env.put("AWS_DEFAULT_REGION", stack.path("region").asText());
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.path("kafka").asText());
        return env;
    }

    /** Single-quoted for the shell (a ' inside becomes '\''). */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
