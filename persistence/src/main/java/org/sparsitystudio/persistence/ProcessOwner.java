package org.sparsitystudio.persistence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The process that runs a run: its id, host, start time and a token unique to that process.
 * Stored with each running run so that crash recovery can tell a dead owner from a live one
 * that merely shares the database (H2's automatic mixed mode, a cluster job).
 *
 * @param pid           the operating system's process id
 * @param host          the host name the process runs on
 * @param token         a random id of the process, unique across restarts and hosts
 * @param startedAtMillis when the process started (epoch millis), or {@code null} if unknown;
 *                      guards against a recycled process id
 */
public record ProcessOwner(long pid, String host, String token, Long startedAtMillis) {

    private static final long START_TOLERANCE_MILLIS = 1_000;

    /** Validates the fields. */
    public ProcessOwner {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
    }

    /** This JVM's owner identity, the same for every call. */
    public static ProcessOwner current() {
        return Current.OWNER;
    }

    /**
     * Whether the process this owner names may still be alive, as seen from {@code observer}.
     * An owner on another host cannot be checked, so it counts as alive.
     */
    public boolean mayBeAlive(ProcessOwner observer) {
        if (token.equals(observer.token)) {
            return true;
        }
        if (!host.equals(observer.host)) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (startedAtMillis == null) {
            return true;
        }
        return handle.get().info().startInstant()
                .map(start -> Math.abs(start.toEpochMilli() - startedAtMillis) <= START_TOLERANCE_MILLIS)
                .orElse(true);
    }

    private static final class Current {
        static final ProcessOwner OWNER = detect();

        private static ProcessOwner detect() {
            ProcessHandle self = ProcessHandle.current();
            Long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(null);
            return new ProcessOwner(self.pid(), hostName(), UUID.randomUUID().toString(), started);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                String env = System.getenv("HOSTNAME");
                return env == null || env.isBlank() ? "localhost" : env;
            }
        }
    }
}
