package com.productflow.template;

import com.productflow.common.BadInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM template read the way {@code sam local} reads it: parameters from their {@code Default} under SAM's
 * {@code --parameter-overrides} (checked against {@code AllowedValues}, {@code AllowedPattern} and the
 * number bounds), then the functions, state machines and outputs with every intrinsic evaluated against
 * the resources given by the caller (the local run's buckets, table, state machines and functions).
 *
 * <p>Variables of {@code --env-vars} replace the template's value of a variable the function declares,
 * before it is evaluated (so a {@code {{resolve:ssm:...}}} reference or a parameter with no default is
 * never needed when the file gives the value); the others are ignored with a warning, as SAM does.
 */
public final class TemplateStack {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:[^}]*}}");

    private final Path file;
    private final SamTemplate template;
    private final Map<String, String> overrides;

    private TemplateStack(Path file, SamTemplate template, Map<String, String> overrides) {
        this.file = file;
        this.template = template;
        this.overrides = overrides;
    }

    /** Reads {@code file} and checks the overrides: each must name a parameter and satisfy its constraints. */
    public static TemplateStack load(Path file, Map<String, String> overrides) {
        Map<String, Object> root;
        try {
            root = CfnYaml.load(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read the template " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        TemplateStack stack = new TemplateStack(file, new SamTemplate(root), Map.copyOf(overrides));
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            if (!stack.template.parameters().containsKey(o.getKey())) {
                throw new BadInputException("--parameter-overrides: " + file + " has no parameter " + o.getKey()
                        + " (it has " + String.join(", ", stack.template.parameters().keySet()) + ")");
            }
            stack.check(o.getKey(), o.getValue());
        }
        return stack;
    }

    public SamTemplate template() {
        return template;
    }

    public Path file() {
        return file;
    }

    /** The local stack's names for what the template refers to. */
    public record Resources(Map<String, String> refs, Map<String, String> attributes) {}

    /** A parameter's value: the override, else the Default; a CommaDelimitedList as a list. */
    public Object parameter(String name) {
        Map<String, Object> definition = SamTemplate.map(template.parameters().get(name));
        if (!template.parameters().containsKey(name)) {
            throw new BadInputException(file + ": Ref " + name + " names no parameter or resource the local run knows");
        }
        String value = overrides.get(name);
        if (value == null) {
            if (!definition.containsKey("Default")) {
                throw new BadInputException(file + ": parameter " + name + " has no Default; give it with"
                        + " --parameter-overrides " + name + "=VALUE (or give the variables that use it in --env-vars)");
            }
            value = SamTemplate.text(definition.get("Default"));
        }
        return SamTemplate.text(definition.get("Type")).equals("CommaDelimitedList") ? List.of((Object[]) value.split(",", -1)) : value;
    }

    private void check(String name, String value) {
        Map<String, Object> definition = SamTemplate.map(template.parameters().get(name));
        String where = "--parameter-overrides " + name + "=" + value + ": ";
        List<Object> allowed = SamTemplate.list(definition.get("AllowedValues"));
        if (!allowed.isEmpty() && allowed.stream().map(SamTemplate::text).noneMatch(value::equals)) {
            throw new BadInputException(where + "must be one of " + allowed.stream().map(SamTemplate::text).toList());
        }
        String pattern = SamTemplate.text(definition.get("AllowedPattern"));
        if (!pattern.isEmpty() && !value.matches(pattern)) {
            throw new BadInputException(where + "must match " + pattern);
        }
        if (SamTemplate.text(definition.get("Type")).equals("Number")) {
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw new BadInputException(where + "must be a number");
            }
            if (definition.containsKey("MinValue") && number.compareTo(new BigDecimal(SamTemplate.text(definition.get("MinValue")))) < 0
                    || definition.containsKey("MaxValue") && number.compareTo(new BigDecimal(SamTemplate.text(definition.get("MaxValue")))) > 0) {
                throw new BadInputException(where + "must be between " + definition.get("MinValue") + " and " + definition.get("MaxValue"));
            }
        }
    }

    /** An evaluator for the given local resources. */
    public Intrinsics intrinsics(Resources resources) {
        return new Intrinsics(this::parameter, resources.refs(), resources.attributes(), template.conditions());
    }

    /** The logical ids of the functions, in template order. */
    public List<String> functionNames() {
        return template.resources("AWS::Serverless::Function").stream().map(SamTemplate.Resource::id).toList();
    }

    /** Every function as it would deploy; {@code warnings} hears of env-vars the template does not declare. */
    public List<FunctionConfig> functions(Resources resources, EnvVars envVars, Consumer<String> warnings) {
        Intrinsics intrinsics = intrinsics(resources);
        List<FunctionConfig> functions = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>(envVars.byFunction().keySet());
        for (SamTemplate.Resource function : template.resources("AWS::Serverless::Function")) {
            named.remove(function.id());
            functions.add(function(function, intrinsics, envVars, warnings));
        }
        for (String unknown : named) {
            warnings.accept(envVars.source() + ": \"" + unknown + "\" is not a function of " + file + "; ignored");
        }
        return functions;
    }

    private FunctionConfig function(SamTemplate.Resource function, Intrinsics intrinsics, EnvVars envVars, Consumer<String> warnings) {
        String id = function.id();
        Map<String, Object> declared = new LinkedHashMap<>(SamTemplate.map(SamTemplate.get(template.functionGlobals(), "Environment", "Variables")));
        declared.putAll(SamTemplate.map(SamTemplate.get(function.properties(), "Environment", "Variables")));
        Map<String, String> given = envVars.forFunction(id);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, Object> variable : declared.entrySet()) {
            String where = file.getFileName() + " " + id + " Environment.Variables." + variable.getKey();
            if (given.containsKey(variable.getKey())) {
                environment.put(variable.getKey(), given.get(variable.getKey()));
                continue;
            }
            Object value = intrinsics.resolve(variable.getValue(), where);
            if (value == Intrinsics.NO_VALUE) {
                continue;
            }
            String text = intrinsics.text(value, where);
            Matcher dynamic = DYNAMIC_REFERENCE.matcher(text);
            if (dynamic.find()) {
                throw new BadInputException(where + " is " + dynamic.group() + ", which only CloudFormation resolves;"
                        + " give " + variable.getKey() + " in the --env-vars file (under \"" + id + "\" or \"Parameters\")");
            }
            environment.put(variable.getKey(), text);
        }
        for (String variable : given.keySet()) {
            if (!declared.containsKey(variable) && envVars.byFunction().getOrDefault(id, Map.of()).containsKey(variable)) {
                warnings.accept(envVars.source() + ": " + id + " declares no variable " + variable + " in " + file.getFileName() + "; ignored");
            }
        }
        String where = file.getFileName() + " " + id;
        String handler = intrinsics.text(template.functionProperty(function, "Handler"), where + " Handler");
        if (handler.isEmpty()) {
            throw new BadInputException(where + ": no Handler");
        }
        Object timeout = template.functionProperty(function, "Timeout");
        Object memory = template.functionProperty(function, "MemorySize");
        Object reserved = function.properties().get("ReservedConcurrentExecutions");
        return new FunctionConfig(id, handler,
                Duration.ofSeconds(timeout == null ? 3 : integer(intrinsics.text(timeout, where + " Timeout"), where + " Timeout")),
                memory == null ? 128 : integer(intrinsics.text(memory, where + " MemorySize"), where + " MemorySize"),
                reserved == null ? OptionalInt.empty()
                        : OptionalInt.of(integer(intrinsics.text(reserved, where + " ReservedConcurrentExecutions"), where)),
                environment, schedules(function, intrinsics, warnings));
    }

    private List<FunctionConfig.Schedule> schedules(SamTemplate.Resource function, Intrinsics intrinsics, Consumer<String> warnings) {
        List<FunctionConfig.Schedule> schedules = new ArrayList<>();
        for (Map.Entry<String, Object> event : SamTemplate.map(function.properties().get("Events")).entrySet()) {
            Map<String, Object> body = SamTemplate.map(event.getValue());
            String type = SamTemplate.text(body.get("Type"));
            if (!type.equals("Schedule") && !type.equals("ScheduleV2")) {
                continue;
            }
            String where = file.getFileName() + " " + function.id() + " Events." + event.getKey();
            Map<String, Object> properties = SamTemplate.map(intrinsics.resolve(body.get("Properties"), where));
            Object enabled = properties.get("Enabled");
            if (enabled != null && !SamTemplate.isTrue(enabled) || "DISABLED".equals(SamTemplate.text(properties.get("State")))) {
                continue;
            }
            String expression = SamTemplate.text(properties.getOrDefault("ScheduleExpression", properties.get("Schedule")));
            Optional<Duration> rate = rate(expression);
            if (rate.isEmpty()) {
                warnings.accept(where + ": " + expression + " is not a rate(...) expression; it runs locally only with --schedule-rate");
            }
            Object input = properties.get("Input");
            schedules.add(new FunctionConfig.Schedule(event.getKey(), expression, rate, input == null ? null : SamTemplate.text(input)));
        }
        return schedules;
    }

    /** {@code rate(15 minutes)} as a duration; empty for anything else. */
    static Optional<Duration> rate(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /**
     * The functions an S3 "Object Created" event reaches: those with an {@code EventBridgeRule} event whose
     * pattern has source {@code aws.s3} and detail-type {@code Object Created}, or an {@code S3} event.
     */
    public List<String> objectCreatedTargets() {
        List<String> targets = new ArrayList<>();
        for (SamTemplate.Resource function : template.resources("AWS::Serverless::Function")) {
            for (Object event : SamTemplate.map(function.properties().get("Events")).values()) {
                Map<String, Object> body = SamTemplate.map(event);
                String type = SamTemplate.text(body.get("Type"));
                Object pattern = SamTemplate.get(body, "Properties", "Pattern");
                boolean s3Rule = type.equals("EventBridgeRule")
                        && SamTemplate.list(SamTemplate.get(pattern, "source")).contains("aws.s3")
                        && SamTemplate.list(SamTemplate.get(pattern, "detail-type")).contains("Object Created");
                if ((s3Rule || type.equals("S3")) && !targets.contains(function.id())) {
                    targets.add(function.id());
                }
            }
        }
        return targets;
    }

    /** An {@code AWS::Serverless::StateMachine}: its definition file and the evaluated substitutions. */
    public record StateMachineConfig(String name, Path definitionUri, Map<String, String> substitutions) {}

    public List<StateMachineConfig> stateMachines(Resources resources) {
        Intrinsics intrinsics = intrinsics(resources);
        List<StateMachineConfig> machines = new ArrayList<>();
        for (SamTemplate.Resource machine : template.resources("AWS::Serverless::StateMachine")) {
            String where = file.getFileName() + " " + machine.id();
            String uri = intrinsics.text(machine.properties().get("DefinitionUri"), where + " DefinitionUri");
            Map<String, String> substitutions = new LinkedHashMap<>();
            for (Map.Entry<String, Object> s : SamTemplate.map(machine.properties().get("DefinitionSubstitutions")).entrySet()) {
                substitutions.put(s.getKey(), intrinsics.text(s.getValue(), where + " DefinitionSubstitutions." + s.getKey()));
            }
            machines.add(new StateMachineConfig(machine.id(), Path.of(uri), substitutions));
        }
        return machines;
    }

    /** An output's value. */
    public String output(String name, Resources resources) {
        Object output = template.outputs().get(name);
        if (output == null) {
            throw new BadInputException(file + ": no output " + name);
        }
        return intrinsics(resources).text(SamTemplate.map(output).get("Value"), file.getFileName() + " Outputs." + name);
    }

    private static int integer(String text, String where) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(where + " must be a whole number, got '" + text + "'");
        }
    }
}
