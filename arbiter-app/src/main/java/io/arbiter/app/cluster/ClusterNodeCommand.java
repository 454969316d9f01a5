package io.arbiter.app.cluster;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.VersionProvider;
import io.arbiter.cluster.node.ClusterNode;
import io.arbiter.cluster.node.ClusterNodeConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code arbiter cluster-node --id N --config FILE}: runs one member of an engine cluster (media driver, archive,
 * consensus module and the engine service) until SIGINT or SIGTERM. Used from the main thread; Aeron's agents run
 * on their own threads.
 */
@Command(
    name = "cluster-node",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Run one member of a replicated engine cluster (Aeron Cluster); see docs/cluster.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by a signal",
        "1:the configuration could not be read or the member could not start",
        "2:usage error"
    })
public final class ClusterNodeCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "N", description = "This member's id (0, 1, 2, ...).")
    private int memberId;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "The cluster's properties file (e.g. config/cluster-local.properties).")
    private Path config;

    /**
     * Run the command; picocli calls it after parsing the options.
     *
     * @return the exit code.
     */
    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final ClusterNodeConfig nodeConfig;
        try
        {
            nodeConfig = ClusterNodeConfig.load(config, memberId);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            err.println("arbiter cluster-node: cannot read " + config + ": " + ex.getMessage());
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            ClusterNode node = ClusterNode.launch(nodeConfig, Throwable::printStackTrace))
        {
            out.println("arbiter cluster-node: member " + node.memberId() + " of " + nodeConfig.members() +
                " running, data in " + nodeConfig.memberDir() + ", Aeron directory " + nodeConfig.aeronDir());
            out.flush();
            barrier.await();
            out.println("arbiter cluster-node: member " + memberId + " stopping");
            out.flush();
        }
        catch (final RuntimeException ex)
        {
            err.println("arbiter cluster-node: member " + memberId + " failed: " + ex);
            err.flush();
            return ArbiterMain.EXIT_FAILURE;
        }
        return ArbiterMain.EXIT_OK;
    }
}
