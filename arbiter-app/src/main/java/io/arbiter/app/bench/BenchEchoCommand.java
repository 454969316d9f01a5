package io.arbiter.app.bench;

import io.arbiter.app.ArbiterMain;
import io.arbiter.app.loadgen.DurationConverter;
import io.arbiter.loadgen.EchoBenchmark;
import io.arbiter.loadgen.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code arbiter bench echo}: the physical baseline, a plain TCP echo over loopback through the client's Netty stack
 * and framing, measured open loop at a fixed rate. Used by one thread, once.
 */
@Command(
    name = "echo",
    mixinStandardHelpOptions = true,
    description = {
        "Loopback TCP echo baseline: an echo server and an open-loop client using the same Netty transport, " +
            "buffers and varint framing as the Arbiter client, sending NewOrder-sized frames at a fixed rate.",
        "Prints round-trip p50/p90/p99/p99.9/max measured from each frame's intended send time.",
        "With --durable the echo server writes what it reads to a file and forces it (fdatasync) before echoing, " +
            "once per event-loop cycle: the floor of a node that replies only after its journal is on the disk."})
public final class BenchEchoCommand implements Callable<Integer>
{
    @Option(names = {"-r", "--rate"}, paramLabel = "FRAMES_PER_S",
        description = "Frames per second (default: ${DEFAULT-VALUE}).")
    long rate = 10_000;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Measured duration, e.g. 500ms, 30s, 2m (default: 10s).")
    long durationNs = 10_000_000_000L;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Warm-up, excluded from the figures (default: 2s).")
    long warmupNs = 2_000_000_000L;

    @Option(names = { "-c", "--connections" }, paramLabel = "N",
        description = "Client connections sharing the schedule round-robin (default: ${DEFAULT-VALUE}).")
    int connections = 1;

    @Option(names = "--io-threads", paramLabel = "N",
        description = "Event loops of the client and of the echo server, each (default: ${DEFAULT-VALUE}).")
    int ioThreads = 1;

    @Option(names = "--durable",
        description = "Force the frames to a file before echoing them (the floor of the durable journal).")
    boolean durable;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where --durable creates its files, one per event loop, deleted afterwards " +
            "(default: the system's temporary directory, as bench e2e's node).")
    File dataDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to this file.")
    File json;

    /**
     * Runs the echo benchmark.
     *
     * @return 0 on success, 2 for invalid options.
     * @throws Exception if interrupted or the JSON file cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        if (rate < 1 || durationNs <= 0 || warmupNs < 0 || connections < 1 || ioThreads < 1)
        {
            System.err.println("invalid options: --rate, --duration, --connections and --io-threads must be " +
                "positive, --warmup not negative");
            return ArbiterMain.EXIT_USAGE;
        }
        final Path durableDir = !durable ? null :
            dataDir != null ? dataDir.toPath() : Path.of(System.getProperty("java.io.tmpdir"));
        if (durableDir != null && !Files.isDirectory(durableDir))
        {
            System.err.println("invalid options: --data-dir " + durableDir + " is not a directory");
            return ArbiterMain.EXIT_USAGE;
        }
        final EchoBenchmark.Result result = new EchoBenchmark().rate(rate).durationNs(durationNs).warmupNs(warmupNs)
            .connections(connections).ioThreads(ioThreads)
            .durable(durableDir)
            .run();
        System.out.print(result.summary());
        if (json != null)
        {
            Files.writeString(json.toPath(), Json.write(result.figures()), StandardCharsets.UTF_8);
        }
        return ArbiterMain.EXIT_OK;
    }
}
