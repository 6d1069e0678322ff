package com.productflow.stack.sfn;

/**
 * A function the local Lambda Invoke API can call: raw JSON payload bytes in, raw JSON result bytes out,
 * exactly what crosses the wire in AWS. Throwing reports a function error whose {@code errorType} is the
 * exception's class name, as the Java Lambda runtime does (see {@link LambdaErrorDocument}).
 */
@FunctionalInterface
public interface LocalFunction {

    byte[] invoke(byte[] payload) throws Exception;
}
