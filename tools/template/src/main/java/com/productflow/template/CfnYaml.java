package com.productflow.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation/SAM template written in YAML into plain maps and lists. The short-form
 * intrinsic tags become their long form, as CloudFormation itself reads them: {@code !Ref X} is
 * {@code {Ref: X}}, {@code !Sub s} is {@code {Fn::Sub: s}}, {@code !GetAtt A.B} is
 * {@code {Fn::GetAtt: [A, B]}}, {@code !Condition C} is {@code {Condition: C}}.
 */
public final class CfnYaml {
    private CfnYaml() {
    }

    /** The template as a map; an unreadable file names the file, line and column. */
    public static Map<String, Object> load(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return parse(file.getFileName().toString(), text);
    }

    /** Parses {@code text}; {@code name} only labels errors. */
    public static Map<String, Object> parse(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects them; so do we
        Object root;
        try {
            root = new Yaml(new IntrinsicConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException("cannot parse " + name + " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("cannot parse " + name + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("cannot parse " + name + ": the document is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) map;
        return out;
    }

    /** Long-form name of a short-form tag: Ref and Condition stay, the rest are Fn:: functions. */
    static String longForm(String tagName) {
        return tagName.equals("Ref") || tagName.equals("Condition") ? tagName : "Fn::" + tagName;
    }

    /** The safe constructor plus every local tag ("!Name") read as a one-key intrinsic map. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlMultiConstructors.put("!", new Intrinsic());
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    int dot = text.indexOf('.');
                    // !GetAtt Resource.Attribute is [Resource, Attribute] in long form.
                    value = name.equals("GetAtt") && dot > 0 ? List.of(text.substring(0, dot), text.substring(dot + 1)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(longForm(name), value);
                return out;
            }
        }
    }
}
