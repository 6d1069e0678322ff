package com.productflow.coldstart.crac;

/** A resource notified around a checkpoint: what org.crac's compatibility layer wraps each registered org.crac.Resource in. */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
