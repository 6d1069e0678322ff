package com.productflow.stack.dynamo;

/** Starts a dynalite, prints its PID, then waits to be killed (for the orphan test). */
public final class DynaliteChildMain {
    private DynaliteChildMain() {}

    public static void main(String[] args) throws InterruptedException {
        Dynalite dynalite = Dynalite.start();
        System.out.println(dynalite.pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
