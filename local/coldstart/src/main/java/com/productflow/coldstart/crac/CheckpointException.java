package com.productflow.coldstart.crac;

/** A resource failed before the checkpoint (each failure suppressed in it, as in CRaC). */
public final class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;
}
