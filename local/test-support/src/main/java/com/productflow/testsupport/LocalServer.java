package com.productflow.testsupport;

import com.productflow.stack.dynamo.Dynalite;
import com.productflow.stack.kafka.EmbeddedKafka;
import com.productflow.stack.s3.S3Stack;
import com.productflow.stack.sfn.LocalStepFunctions;
import java.net.URI;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on 127.0.0.1 for one test class, as a JUnit 5 extension: started before the class's
 * own {@code @BeforeAll} methods, stopped after its {@code @AfterAll} ones. Register it on a static
 * field and reach the server with {@link #get()}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalServer<EmbeddedKafka> KAFKA = LocalServer.kafka();
 * ... KAFKA.get().bootstrapServers() ...
 * }</pre>
 */
public final class LocalServer<T extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final Callable<T> start;
    private final boolean shared;
    private T server;

    private LocalServer(String name, Callable<T> start, boolean shared) {
        this.name = name;
        this.start = start;
        this.shared = shared;
    }

    /** s3proxy with an in-memory store. */
    public static LocalServer<S3Stack> s3() {
        return new LocalServer<>("s3proxy", S3Stack::startTransient, false);
    }

    /** moto's server (versioned S3, Secrets Manager); skips the class, loudly, where moto is not installed. */
    public static LocalServer<MotoServer> moto(String untested) {
        return new LocalServer<>("moto's server", () -> MotoServer.startOrSkip(untested), false);
    }

    /** A single-node Kafka broker (KRaft) in this JVM. */
    public static LocalServer<EmbeddedKafka> kafka() {
        return new LocalServer<>("Kafka", EmbeddedKafka::start, false);
    }

    /** dynalite, shared by every class of the test JVM (it stops with the JVM); one table per test keeps them apart. */
    public static LocalServer<Dynalite> dynamo() {
        return new LocalServer<>("dynalite", Dynalite::shared, true);
    }

    /** The Step Functions executor for machines without Lambda tasks (its Lambda endpoint is a closed port). */
    public static LocalServer<LocalStepFunctions> stepFunctions() {
        return stepFunctions(URI.create("http://127.0.0.1:9"));
    }

    /** The Step Functions executor, its Lambda tasks sent to {@code lambdaEndpoint}. */
    public static LocalServer<LocalStepFunctions> stepFunctions(URI lambdaEndpoint) {
        return new LocalServer<>("the Step Functions executor",
                () -> LocalStepFunctions.start(LocalStepFunctions.Options.of(lambdaEndpoint)), false);
    }

    /** The running server (between the class's first and last callback). */
    public T get() {
        if (server == null) {
            throw new IllegalStateException(name + " is not running: register the extension on a static field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = start.call();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null && !shared) {
            server.close();
        }
        server = null;
    }
}
