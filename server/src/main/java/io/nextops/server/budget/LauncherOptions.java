package io.nextops.server.budget;

import java.io.PrintStream;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Main class run by {@code bin/nextops-server} in a tiny JVM before the server's own: prints the settings derived from
 * {@code MEMORY_BUDGET_MB} (or the cgroup limit) as {@code NAME=value} lines the launcher reads, so that the formula
 * lives in {@link MemoryBudget} only:
 *
 * <pre>
 * MEMORY_BUDGET_MB=256
 * MEMORY_BUDGET_SOURCE=default
 * MALLOC_ARENA_MAX=2
 * JVM_OPTIONS=-Xms8m -Xmx96m -XX:+UseSerialGC ...
 * </pre>
 *
 * {@code --table 192 256 ...} prints the options for each budget instead (the reference file in {@code conf/}).
 * Exit status 0, or 2 with the message on stderr when {@code MEMORY_BUDGET_MB} is invalid.
 *
 * <p>Thread-safety: stateless.
 */
public final class LauncherOptions {
    private LauncherOptions() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), MemoryBudget.containerLimitBytes(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, OptionalLong cgroupLimit, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("--table")) {
            out.println("# JVM options derived from MEMORY_BUDGET_MB by io.nextops.server.budget.MemoryBudget;");
            out.println("# bin/nextops-server computes them at each start. Reference only: editing this file changes nothing.");
            for (int i = 1; i < args.length; i++) {
                MemoryBudget b = new MemoryBudget(Long.parseLong(args[i]), MemoryBudget.Source.CONFIGURED);
                out.println(b.mb() + " MB: MALLOC_ARENA_MAX=" + b.mallocArenas() + " " + String.join(" ", b.jvmOptions()));
            }
            return 0;
        }
        MemoryBudget budget;
        try {
            budget = MemoryBudget.fromEnv(env, cgroupLimit);
        } catch (IllegalArgumentException e) {
            err.println("invalid configuration:\n  " + e.getMessage());
            return 2;
        }
        out.println(MemoryBudget.ENV + "=" + budget.mb());
        out.println("MEMORY_BUDGET_SOURCE=" + budget.source().name().toLowerCase(java.util.Locale.ROOT));
        out.println("MALLOC_ARENA_MAX=" + budget.mallocArenas());
        out.println("JVM_OPTIONS=" + String.join(" ", budget.jvmOptions()));
        return 0;
    }
}
