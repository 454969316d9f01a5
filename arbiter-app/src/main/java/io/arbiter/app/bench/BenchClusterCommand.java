package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.cluster.bench.ClusterBenchmark;
import io.arbiter.cluster.bench.ClusterFloorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

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

    @Option(names = "--rate", paramLabel = "R", description = "Orders per second, planned evenly; k and m " +
        "suffixes allowed (default: ${DEFAULT-VALUE}).")
    private String rate = "10k";

    @Option(names = {"--warmup", "--warmup-s"}, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Unmeasured load before the measurement, e.g. 3s or 500ms; a bare number is seconds " +
            "(default: 5s).")
    private long warmupNs = TimeUnit.SECONDS.toNanos(5);

    @Option(names = {"--duration", "--duration-s"}, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured load, e.g. 20s or 1m; a bare number is seconds (default: 20s).")
    private long durationNs = TimeUnit.SECONDS.toNanos(20);

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
        final long offered;
        try
        {
            offered = BenchE2eCommand.parseRate(rate, false);
        }
        catch (final IllegalArgumentException ex)
        {
            spec.commandLine().getErr().println("bench cluster: --rate: " + ex.getMessage());
            return ArbiterMain.EXIT_USAGE;
        }
        if (members < 1 || offered > Integer.MAX_VALUE || warmupNs < 0 ||
            durationNs < TimeUnit.MILLISECONDS.toNanos(100) || failovers < 0 || (failovers > 0 && members < 3))
        {
            spec.commandLine().getErr().println("bench cluster: --members and --rate positive, --duration at least " +
                "100ms, --warmup not negative; --failovers needs at least 3 members");
            return ArbiterMain.EXIT_USAGE;
        }
        if (floor && failovers > 0)
        {
            spec.commandLine().getErr().println("bench cluster: --floor runs without --failovers");
            return ArbiterMain.EXIT_USAGE;
        }
        final boolean complete = floor ?
            new ClusterFloorBenchmark(members, (int)offered, warmupNs, durationNs)
            .run(spec.commandLine().getOut()) :
            new ClusterBenchmark(members, (int)offered, warmupNs, durationNs, failovers)
            .run(spec.commandLine().getOut());
        return complete ? ArbiterMain.EXIT_OK : ArbiterMain.EXIT_FAILURE;
    }
}
