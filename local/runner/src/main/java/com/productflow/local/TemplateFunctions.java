package com.productflow.local;

import com.productflow.common.BadInputException;
import com.productflow.template.EnvVars;
import com.productflow.template.FunctionConfig;
import com.productflow.template.TemplateStack;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function of the template as the local system would run it (environment, handler, timeout), read without
 * starting anything: for a tool that talks to a {@code local} running in another process and needs the
 * function's settings (the crash campaign selects what the extract must publish). The state machines' ARNs are
 * the names the local executor gives them, which no function's selection depends on.
 */
public final class TemplateFunctions {
    private TemplateFunctions() {}

    public static FunctionConfig resolve(LocalOptions options, String name) throws IOException {
        TemplateStack stack = TemplateStack.load(options.template(), options.parameterOverrides());
        EnvVars envVars = options.envVars() == null ? EnvVars.none() : EnvVars.read(options.envVars());
        List<String> functions = stack.functionNames();
        Map<String, String> machines = new LinkedHashMap<>();
        for (TemplateStack.StateMachineConfig machine : stack.stateMachines(LocalStackResources.of(options, functions, Map.of()))) {
            String file = machine.definitionUri().getFileName().toString().replaceFirst("\\.asl\\.json$", "");
            machines.put(machine.name(), "arn:aws:states:" + LocalStackResources.REGION + ":" + LocalStackResources.ACCOUNT
                    + ":stateMachine:" + file);
        }
        return stack.functions(LocalStackResources.of(options, functions, machines), envVars, warning -> { }).stream()
                .filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException(options.template() + ": no function " + name));
    }
}
