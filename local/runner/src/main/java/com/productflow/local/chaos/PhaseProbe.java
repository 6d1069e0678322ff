package com.productflow.local.chaos;

import com.productflow.state.FileStatus;
import java.util.Optional;

/** Tells from outside the system whether a {@link Phase} is happening now (see {@link Phase} for what each means). */
final class PhaseProbe {
    private final StackClients clients;
    private final ExtractRuns extract;

    PhaseProbe(StackClients clients, ExtractRuns extract) {
        this.clients = clients;
        this.extract = extract;
    }

    /** True when {@code phase} is observed; an upload is observed by the upload itself ({@link Uploader}), so never here. */
    boolean observed(Phase phase) {
        return switch (phase) {
            case UPLOAD -> false;
            case EXTRACT -> extract.inFlight();
            case CONVERSION -> any(FileStatus.IN_PROGRESS)
                    || !clients.s3().listMultipartUploads(clients.endpoints().outputBucket(), "").isEmpty();
            case STATE_WRITE -> any(FileStatus.PENDING);
        };
    }

    private boolean any(FileStatus status) {
        return !clients.state().list(status, 1, Optional.empty()).items().isEmpty();
    }
}
