package com.productflow.coldstart.crac;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What Lambda's SnapStart does with a function's runtime hooks, without a snapshot: {@link #checkpointRestore}
 * calls every registered resource's {@code beforeCheckpoint} (last registered first, as CRaC does) and then
 * every {@code afterRestore} (first registered first), in the same JVM. A function's code uses the real
 * org.crac API; the JVM of {@link com.productflow.coldstart.LambdaShim} is started with
 * {@code -Dorg.crac.Core.Compat=com.productflow.coldstart.crac}, the property org.crac reads to find the
 * implementation (this package's {@code Core}, {@code Context}, {@code Resource} and the two exceptions).
 * Without it, as on any JDK without CRaC, org.crac registers nothing and priming never runs.
 */
public final class Core {
    private static final Context<Resource> GLOBAL = new Context<>();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        List<Resource> resources = new ArrayList<>(GLOBAL.resources());
        Collections.reverse(resources);
        CheckpointException before = new CheckpointException();
        for (Resource resource : resources) {
            try {
                resource.beforeCheckpoint(GLOBAL);
            } catch (Exception e) {
                before.addSuppressed(e);
            }
        }
        if (before.getSuppressed().length > 0) {
            throw before;
        }
        Collections.reverse(resources);
        RestoreException after = new RestoreException();
        for (Resource resource : resources) {
            try {
                resource.afterRestore(GLOBAL);
            } catch (Exception e) {
                after.addSuppressed(e);
            }
        }
        if (after.getSuppressed().length > 0) {
            throw after;
        }
    }
}
