package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.convert.MappingProfile;
import com.productflow.parquet.ParquetProductSchema;
import com.productflow.schema.MessageJsonSchema;
import com.productflow.schema.ProductFeedXsd;
import com.productflow.schema.ProductSchema;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code productflow schema xsd|parquet|json-schema|product}: prints a published schema, generated
 * from the one committed product schema ({@code core/schema}, {@code product-schema.json}). The same
 * texts are committed under {@code docs/schemas/} (a test keeps them equal).
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints a published schema: xsd (the XML product feed), parquet (the Parquet file),",
            "json-schema (the Kafka message value) or product (the typed source all three come from)."})
public final class SchemaCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "xsd|parquet|json-schema|product")
    String which;

    @Option(names = "--profile", paramLabel = "FILE", description = "xsd: for this mapping profile instead of the product feed.")
    Path profile;

    @Override
    public Integer call() {
        System.out.print(text(which, profile == null ? MappingProfile.productFeed() : MappingProfile.load(profile)));
        System.out.flush();
        return 0;
    }

    /** The schema text; {@code which} as on the command line. */
    public static String text(String which, MappingProfile profile) {
        ProductSchema schema = ProductSchema.product();
        return switch (which) {
            case "xsd" -> ProductFeedXsd.generate(schema, profile);
            case "parquet" -> ParquetProductSchema.product().text() + "\n";
            case "json-schema" -> MessageJsonSchema.generate(schema);
            case "product" -> ProductSchema.sourceText();
            default -> throw new BadInputException("schema must be xsd, parquet, json-schema or product, got '" + which + "'");
        };
    }
}
