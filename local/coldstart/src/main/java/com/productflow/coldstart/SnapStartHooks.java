package com.productflow.coldstart;

import com.productflow.coldstart.crac.CheckpointException;
import com.productflow.coldstart.crac.Context;
import com.productflow.coldstart.crac.Core;
import com.productflow.coldstart.crac.Resource;
import com.productflow.coldstart.crac.RestoreException;
import java.util.List;

/**
 * How a function JVM started here runs its org.crac runtime hooks: the system property org.crac reads to
 * find a CRaC implementation, naming the {@code crac} package of this module ({@link Core}), and the
 * classes of that package, which travel in the shim's jar.
 */
public final class SnapStartHooks {
    /** The JVM option: org.crac's compatibility layer then registers resources with {@link Core}'s context. */
    public static final String JVM_OPTION = "-Dorg.crac.Core.Compat=" + Core.class.getPackageName();

    public static final List<String> CLASSES = List.of(Core.class.getName(), Context.class.getName(), Resource.class.getName(),
            CheckpointException.class.getName(), RestoreException.class.getName());

    private SnapStartHooks() {}
}
