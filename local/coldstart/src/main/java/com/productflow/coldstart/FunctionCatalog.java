package com.productflow.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployed functions as the repository declares them: each {@code AWS::Serverless::Function} of
 * template.yaml with its {@code Handler}, and its jar from the Makefile's {@code <LogicalId>_MODULE} /
 * {@code <LogicalId>_JAR} lines (what {@code sam build} would put in lib/).
 */
public final class FunctionCatalog {
    /** One function: logical id, handler ({@code class::method}), the module and the jar it ships. */
    public record Function(String logicalId, String handler, String module, String jarName) {
        public String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }

        public Path jar(Path root) {
            return root.resolve(module).resolve("target").resolve(jarName);
        }
    }

    private static final Pattern RESOURCE = Pattern.compile("^  ([A-Za-z0-9]+):\\s*$");
    private static final Pattern TYPE = Pattern.compile("^    Type:\\s*(\\S+)\\s*$");
    private static final Pattern HANDLER = Pattern.compile("^      Handler:\\s*(\\S+)\\s*$");
    private static final Pattern MAKE_VAR = Pattern.compile("^([A-Za-z0-9]+)_(MODULE|JAR)\\s*:?=\\s*(\\S+)\\s*$");

    private FunctionCatalog() {}

    /** The functions in template order; fails naming the function when the Makefile lacks one. */
    public static List<Function> load(Path root) {
        Map<String, String> handlers = handlers(read(root.resolve("template.yaml")));
        Map<String, String> make = makeVariables(read(root.resolve("Makefile")));
        List<Function> functions = new ArrayList<>();
        for (Map.Entry<String, String> entry : handlers.entrySet()) {
            String id = entry.getKey();
            String module = make.get(id + "_MODULE");
            String jar = make.get(id + "_JAR");
            if (module == null || jar == null) {
                throw new IllegalStateException("Makefile: no " + id + "_MODULE / " + id + "_JAR for template function " + id);
            }
            functions.add(new Function(id, entry.getValue(), module, jar));
        }
        return functions;
    }

    /** Logical id to Handler of every AWS::Serverless::Function in the template (its Resources block). */
    static Map<String, String> handlers(List<String> template) {
        Map<String, String> handlers = new LinkedHashMap<>();
        boolean inResources = false;
        String current = null;
        boolean isFunction = false;
        for (String line : template) {
            if (!line.startsWith(" ") && !line.isBlank() && !line.startsWith("#")) {
                inResources = line.startsWith("Resources:");
                current = null;
                continue;
            }
            if (!inResources) {
                continue;
            }
            Matcher resource = RESOURCE.matcher(line);
            if (resource.matches()) {
                current = resource.group(1);
                isFunction = false;
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (current != null && type.matches()) {
                isFunction = "AWS::Serverless::Function".equals(type.group(1));
                continue;
            }
            Matcher handler = HANDLER.matcher(line);
            if (current != null && isFunction && handler.matches()) {
                handlers.put(current, handler.group(1).replace("\"", "").replace("'", ""));
            }
        }
        return handlers;
    }

    static Map<String, String> makeVariables(List<String> makefile) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : makefile) {
            Matcher m = MAKE_VAR.matcher(line);
            if (m.matches()) {
                vars.put(m.group(1) + "_" + m.group(2), m.group(3));
            }
        }
        return vars;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
