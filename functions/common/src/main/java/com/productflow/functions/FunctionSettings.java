package com.productflow.functions;

import com.productflow.common.config.SettingsSource;
import java.util.Map;

/**
 * Settings of a function: its environment. Shared, non-secret settings kept in Parameter Store reach
 * the environment through the template's {@code {{resolve:ssm:...}}} dynamic references, resolved at
 * deploy time: no SSM client in the jar (6 MB), no Parameter Store call during init, no
 * {@code ssm:GetParametersByPath} permission. Secrets never come from here: the extract function reads
 * its database secret at run time through Powertools' Secrets Manager provider.
 */
public final class FunctionSettings {
    private FunctionSettings() {}

    public static SettingsSource load() {
        return load(System.getenv());
    }

    static SettingsSource load(Map<String, String> environment) {
        return SettingsSource.builder().layer("environment", environment).build();
    }
}
