package com.productflow.local.chaos;

/**
 * One kill as it happened: the phase it was aimed at, whether that phase was observed when it struck (else it
 * struck when its wait ran out, at a moment chosen by time alone), and how long the restart took.
 */
public record KillRecord(Phase aimedAt, boolean observed, double restartSeconds) {
    KillRecord withRestart(double seconds) {
        return new KillRecord(aimedAt, observed, seconds);
    }
}
