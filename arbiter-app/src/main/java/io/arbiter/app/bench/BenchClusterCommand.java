package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.cluster.bench.ClusterBenchmark;
import io.arbiter.cluster.bench.ClusterFloorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * {@code arbiter bench cluster}: open-loop load through a cluster gateway into a cluster of members in this JVM, with
 * optional leader kills (failover time). Used from the main thread.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Measure the replicated engine: acknowledgement latency through a gateway and an Aeron Cluster " +
        "in this JVM at a fixed rate, and with --failovers the time from a leader kill to the next acknowledgement; " +
        "with --floor the same cluster with an echo service instead of the engine."})
public final class BenchClusterCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--members", description = "Cluster members (default: ${DEFAULT-VALUE}).")
    private int members = 3;

    @Option(names = "--rate", description = "Orders per second, planned evenly (default: ${DEFAULT-VALUE}).")
    private int rate = 10_000;

    @Option(names = "--warmup-s", description = "Seconds of unmeasured load (default: ${DEFAULT-VALUE}).")
    private int warmupS = 5;

    @Option(names = "--duration-s", description = "Seconds of measured load (default: ${DEFAULT-VALUE}).")
    private int durationS = 20;

    @Option(names = "--failovers", description = "Leader kills spread over the measured load (default: " +
        "${DEFAULT-VALUE}).")
    private int failovers;

    @Option(names = "--floor", description = "Run the machine's floor instead: the same members and Aeron settings " +
        "with a service that only echoes each ingress message (same batching), no engine and no gateway state.")
    private boolean floor;

    /**
     * Run the command; picocli calls it after parsing the options.
     *
     * @return the exit code.
     * @throws IOException if the cluster cannot be set up.
     */
    @Override
    public Integer call() throws IOException
    {
        if (members < 1 || rate < 1 || warmupS < 0 || durationS < 1 || failovers < 0 || (failovers > 0 && members < 3))
        {
            spec.commandLine().getErr().println("bench cluster: positive --rate and --duration-s; --failovers needs " +
                "at least 3 members");
            return ArbiterMain.EXIT_USAGE;
        }
        if (floor && failovers > 0)
        {
            spec.commandLine().getErr().println("bench cluster: --floor runs without --failovers");
            return ArbiterMain.EXIT_USAGE;
        }
        final boolean complete = floor ?
            new ClusterFloorBenchmark(members, rate, warmupS, durationS).run(spec.commandLine().getOut()) :
            new ClusterBenchmark(members, rate, warmupS, durationS, failovers)
            .run(spec.commandLine().getOut());
        return complete ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }
}
