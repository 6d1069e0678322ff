package com.productflow.common.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code .env.sample} from {@link SettingsRegistry}: every key, grouped by concern, with its
 * doc, type and default, commented out (a copy of the sample changes nothing until a line is
 * uncommented). {@code EnvSampleTest} fails when the committed file differs and says how to
 * regenerate it.
 */
public final class EnvSample {
    /** The command that rewrites .env.sample from the registry, from the repository root. */
    public static final String REGENERATE = "mvn -q -B -o -pl core/common test -Dtest=EnvSampleTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dproductflow.writeEnvSample=true";

    private static final int WIDTH = 100;

    private EnvSample() {}

    public static String render() {
        StringBuilder out = new StringBuilder();
        for (String line : List.of(
                "productflow settings for local runs. Copy to .env (never committed) and uncomment what you change.",
                "Order of precedence (later wins): built-in defaults -> .env -> environment -> command-line flags.",
                "No secrets belong in this file: in AWS they come from Secrets Manager / Parameter Store.",
                "GENERATED from core/common/src/main/java/com/productflow/common/config/SettingsRegistry.java, where",
                "every key's type, validator, default and doc are defined: edit that file, then regenerate with",
                REGENERATE)) {
            out.append("# ").append(line).append('\n');
        }
        for (SettingGroup group : SettingGroup.values()) {
            List<Setting<?>> settings = SettingsRegistry.all().stream().filter(s -> s.group() == group).toList();
            if (settings.isEmpty()) {
                continue;
            }
            String title = "# --- " + group.title() + " ";
            out.append('\n').append(title).append("-".repeat(Math.max(3, WIDTH - title.length()))).append('\n');
            for (String line : group.intro()) {
                out.append("# ").append(line).append('\n');
            }
            for (Setting<?> s : settings) {
                append(out, s);
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Setting<?> s) {
        for (String line : wrap(s.doc(), WIDTH - 2)) {
            out.append("# ").append(line).append('\n');
        }
        StringBuilder facts = new StringBuilder("(").append(s.type().describe());
        if (s.defaultText().isPresent()) {
            facts.append("; default ").append(s.defaultText().get());
        } else if (s.derivedDefault().isPresent()) {
            facts.append("; default: ").append(s.derivedDefault().get());
        }
        switch (s.readBy()) {
            case ENVIRONMENT -> facts.append("; environment only");
            case PLATFORM -> facts.append("; read from the environment by the AWS SDK, the JVM or Powertools, not from .env");
            default -> { }
        }
        facts.append(')');
        for (String line : wrap(facts.toString(), WIDTH - 2)) {
            out.append("# ").append(line).append('\n');
        }
        out.append('#').append(s.key()).append('=').append(s.defaultText().or(s::example).orElse("")).append('\n');
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Prints the sample on stdout. */
    public static void main(String[] args) {
        System.out.print(render());
    }
}
