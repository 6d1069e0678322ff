package com.productflow.checks;

import com.productflow.template.SamTemplate;
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
 * The template's functions with what the root Makefile ships for each ({@code <LogicalId>_MODULE} /
 * {@code <LogicalId>_JAR}): the module that builds it and the shaded jar {@code sam build} copies to lib/.
 */
final class FunctionPackages {
    record Function(String id, String handler, String module, String jarName) {
        String handlerClass() {
            int sep = handler.indexOf("::");
            return sep < 0 ? handler : handler.substring(0, sep);
        }

        String handlerMethod() {
            int sep = handler.indexOf("::");
            return sep < 0 ? "handleRequest" : handler.substring(sep + 2);
        }

        /** The jar the module's build leaves in its target/ folder. */
        Path jar(Path root) {
            return root.resolve(module).resolve("target").resolve(jarName);
        }
    }

    private static final Pattern MAKE_VAR = Pattern.compile("^([A-Za-z0-9]+)_(MODULE|JAR)\\s*:?=\\s*(\\S+)\\s*$");

    private FunctionPackages() {}

    static List<Function> load(Path root) {
        SamTemplate template;
        try {
            template = SamTemplate.load(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> make = makeVariables(root.resolve("Makefile"));
        List<Function> functions = new ArrayList<>();
        for (SamTemplate.Resource function : template.resources("AWS::Serverless::Function")) {
            functions.add(new Function(function.id(), SamTemplate.text(template.functionProperty(function, "Handler")),
                    make.get(function.id() + "_MODULE"), make.get(function.id() + "_JAR")));
        }
        return functions;
    }

    static Map<String, String> makeVariables(Path makefile) {
        Map<String, String> vars = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(makefile)) {
                Matcher m = MAKE_VAR.matcher(line);
                if (m.matches()) {
                    vars.put(m.group(1) + "_" + m.group(2), m.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vars;
    }
}
