package com.productflow.coldstart.crac;

/** A resource failed after the restore (each failure suppressed in it, as in CRaC). */
public final class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;
}
