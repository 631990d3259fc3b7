package dev.longrecipe.stack.child;

import java.util.Optional;

/**
 * Runs inside a server's child JVM: when the JVM that started the stack dies — even by SIGKILL,
 * when its shutdown hooks never run — the server exits cleanly instead of living on as an orphan.
 * Only active when {@code -Dlongrecipe.stack.parentPid} is set (tests); a detached stack (CLI
 * {@code up}) has no parent to watch.
 */
public final class ParentWatchdog {

    /** Set by the JVM that starts an attached stack to its own pid. */
    public static final String PARENT_PID_PROPERTY = "longrecipe.stack.parentPid";

    private ParentWatchdog() {
    }

    public static void exitWhenParentDies() {
        String pid = System.getProperty(PARENT_PID_PROPERTY);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("local-stack: parent JVM " + pid + " is gone before this server started; exiting");
            System.exit(3);
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("local-stack: parent JVM " + pid + " exited; stopping this server");
            System.exit(0);
        });
    }
}
