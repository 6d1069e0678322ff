package com.productflow.checks;

import com.bertramlabs.plugins.hcl4j.HCLParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every {@code .tf} file under a terraform directory, parsed with hcl4j (an HCL2 parser), together
 * with its raw text. Files are parsed one by one, so references to variables stay references
 * rather than being replaced by defaults from another file: the checks see what was written.
 *
 * <p>Known limits of hcl4j 0.9.8, worked around in how the HCL is written: it accepts some broken
 * files without error (a truncated block), which {@code terraform fmt}/{@code validate} in
 * terraform/check.sh reject; it evaluates what it can (conditionals, {@code jsonencode}) and leaves
 * unresolved references as their text; {@code toset()} literals evaluate to null (so endpoint service
 * lists are variables with defaults); and it prints debug lines to {@code System.out}, so do not
 * call it from a command whose stdout is its output.
 */
public final class TerraformConfig {

    /** A top-level block: {@code kind} is variable/output/resource/data/module/locals/terraform/provider. */
    public record Block(Path file, Path module, String kind, String type, String name, Map<String, Object> body) {
        /** "module/file.tf: kind type.name", for messages. */
        public String where() {
            String id = type.isEmpty() ? name : type + "." + name;
            return file + ": " + kind + " " + id;
        }
    }

    /** One parsed file; {@code path} is relative to the terraform directory. */
    public record TfFile(Path path, Map<String, Object> tree, String text) {
    }

    private final Path root;
    private final List<TfFile> files;

    private TerraformConfig(Path root, List<TfFile> files) {
        this.root = root;
        this.files = files;
    }

    /**
     * Parses every {@code .tf} file under {@code root} (skipping {@code .terraform/}).
     *
     * @throws IllegalArgumentException naming the file when one does not parse, or when there are none
     */
    public static TerraformConfig load(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> p.getFileName().toString().endsWith(".tf"))
                    .filter(p -> !root.relativize(p).toString().startsWith(".terraform"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no .tf files under " + root);
        }
        List<TfFile> parsed = new ArrayList<>();
        for (Path path : paths) {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            Map<String, Object> tree;
            try {
                tree = new HCLParser().parse(text);
            } catch (Exception | StackOverflowError e) {
                throw new IllegalArgumentException("cannot parse " + root.relativize(path) + ": " + e.getMessage(), e);
            }
            parsed.add(new TfFile(root.relativize(path), tree, text));
        }
        return new TerraformConfig(root, List.copyOf(parsed));
    }

    public Path root() {
        return root;
    }

    public List<TfFile> files() {
        return files;
    }

    /** Blocks without a label ({@code terraform}, {@code locals}), each with its file. */
    public List<Block> unlabelled(String kind) {
        List<Block> out = new ArrayList<>();
        for (TfFile file : files) {
            Hcl.asBlocks(file.tree().get(kind))
                    .forEach(b -> out.add(new Block(file.path(), module(file), kind, "", "", b)));
        }
        return out;
    }

    /** Blocks with one label: variable, output, module, provider. */
    public List<Block> blocks(String kind) {
        List<Block> out = new ArrayList<>();
        for (TfFile file : files) {
            Map<String, Object> byName = Hcl.asMap(file.tree().get(kind));
            byName.forEach((name, body) -> Hcl.asBlocks(body)
                    .forEach(b -> out.add(new Block(file.path(), module(file), kind, "", name, b))));
        }
        return out;
    }

    /** Resources of one type, e.g. {@code resources("aws_s3_bucket")}. */
    public List<Block> resources(String type) {
        return labelled("resource", type);
    }

    /** Data sources of one type, e.g. {@code data("aws_iam_policy_document")}. */
    public List<Block> data(String type) {
        return labelled("data", type);
    }

    /** Every resource and data block, of any type. */
    public List<Block> allResourcesAndData() {
        List<Block> out = new ArrayList<>();
        for (String kind : List.of("resource", "data")) {
            for (TfFile file : files) {
                Hcl.asMap(file.tree().get(kind)).keySet().forEach(type -> out.addAll(labelled(file, kind, type)));
            }
        }
        return out;
    }

    private List<Block> labelled(String kind, String type) {
        List<Block> out = new ArrayList<>();
        for (TfFile file : files) {
            out.addAll(labelled(file, kind, type));
        }
        return out;
    }

    private List<Block> labelled(TfFile file, String kind, String type) {
        List<Block> out = new ArrayList<>();
        Map<String, Object> byName = Hcl.asMap(Hcl.asMap(file.tree().get(kind)).get(type));
        byName.forEach((name, body) -> Hcl.asBlocks(body)
                .forEach(b -> out.add(new Block(file.path(), module(file), kind, type, name, b))));
        return out;
    }

    /** The module directory of a file relative to the root ("" for the root module). */
    private static Path module(TfFile file) {
        Path parent = file.path().getParent();
        return parent == null ? Path.of("") : parent;
    }
}
