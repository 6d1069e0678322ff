package com.productflow.cli;

import com.productflow.common.BadInputException;
import com.productflow.common.json.SummaryLine;
import com.productflow.storage.ObjectLocation;
import com.productflow.storage.ObjectTransfers;
import com.productflow.storage.S3ObjectStore;
import com.productflow.storage.S3Settings;
import com.productflow.storage.VerifyResult;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code productflow verify}: re-reads an object and checks it against its stored SHA-256. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-reads an S3 object (parallel ranged reads), recomputes its SHA-256 and compares it with the"
                    + " 'sha256' user metadata productflow stored when it wrote the object.",
            "Exit code 0 when they match, 2 when they differ or the object has no stored checksum.",
        })
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "s3://BUCKET/KEY", description = "The object to verify.")
    String object;

    @Mixin
    S3Options s3;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        ObjectLocation location = ObjectLocation.parse(object);
        S3Settings settings = s3.s3Settings(s3.settings());
        VerifyResult result;
        try (S3ObjectStore store = S3ObjectStore.create(settings)) {
            result = new ObjectTransfers(store, settings.transfer()).verify(location);
        }
        if (result.storedSha256().isEmpty()) {
            throw new BadInputException(location + " has no sha256 metadata to compare with (computed "
                    + result.actualSha256() + " over " + result.size() + " bytes)");
        }
        if (!result.matches()) {
            throw new BadInputException(location + ": SHA-256 mismatch: stored " + result.storedSha256().get()
                    + ", computed " + result.actualSha256() + " over " + result.size() + " bytes");
        }
        SummaryLine summary = new SummaryLine()
                .put("object", location.toString())
                .put("bytes", result.size())
                .put("sha256", result.actualSha256())
                .put("matches", true);
        spec.commandLine().getOut().println(summary.seconds(start));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
