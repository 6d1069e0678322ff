package com.productflow.coldstart.crac;

import java.util.ArrayList;
import java.util.List;

/** The global context: the resources in registration order (org.crac holds the resources themselves weakly, the wrappers here). */
public final class Context<R extends Resource> {
    private final List<R> resources = new ArrayList<>();

    Context() {
    }

    public synchronized void register(R resource) {
        resources.add(resource);
    }

    synchronized List<R> resources() {
        return List.copyOf(resources);
    }
}
