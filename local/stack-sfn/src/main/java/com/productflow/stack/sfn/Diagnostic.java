package com.productflow.stack.sfn;

/** One finding of ValidateStateMachineDefinition (asl-validator, plus what the local executor cannot run). */
public record Diagnostic(String severity, String code, String message, String location) {
}
