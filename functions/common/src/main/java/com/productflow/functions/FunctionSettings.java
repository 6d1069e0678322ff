package com.productflow.functions;

import com.productflow.common.config.SettingsSource;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * Settings of a function: the shared, non-secret ones from Parameter Store (every parameter under
 * {@code PARAMETER_PREFIX}, named like the environment keys), then the function's environment on top.
 * Read once, at init, so a SnapStart snapshot holds them. Secrets never come from here.
 */
public final class FunctionSettings {
    public static final String PARAMETER_PREFIX = "PARAMETER_PREFIX";

    private FunctionSettings() {}

    /** From the real environment and, when a prefix is set, the real Parameter Store. */
    public static SettingsSource load() {
        return load(System.getenv(), FunctionSettings::readParameterStore);
    }

    static SettingsSource load(Map<String, String> environment, Function<String, Map<String, String>> parameterStore) {
        SettingsSource.Builder settings = SettingsSource.builder();
        String prefix = environment.get(PARAMETER_PREFIX);
        if (prefix != null && !prefix.isBlank()) {
            settings.layer("parameter store " + prefix, parameterStore.apply(prefix));
        }
        return settings.layer("environment", environment).build();
    }

    private static Map<String, String> readParameterStore(String prefix) {
        try (SsmClient ssm = SsmClient.builder().httpClientBuilder(Wiring.httpClient()).build()) {
            return SSMProvider.builder().withClient(ssm).build().getMultiple(prefix);
        }
    }
}
