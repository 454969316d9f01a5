package io.arbiter.app.bench;

import io.arbiter.bench.pipeline.PipelineBenchmark;
import io.arbiter.bench.pipeline.PipelineBenchmarkOptions;
import io.arbiter.bench.pipeline.PipelineBenchmarkResult;
import io.arbiter.bench.pipeline.PipelineQueue;
import io.arbiter.journal.DurabilityPolicy;
import io.arbiter.server.sequencer.WaitStrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code arbiter bench pipeline}: the node's command ring (or another ingress queue), matching thread and egress
 * without the network, driven by a client thread that publishes and reads the replies (or a producer and a separate
 * reply thread); prints throughput and latency from intended publish time. Main thread only.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Drive a seeded mixed order flow (GTC, IOC, market, cancel, replace)",
        "through the server's Disruptor ring (or --queue agrona|abq), matching",
        "handler and per-session egress, without the network. Phase 1: unpaced",
        "throughput. Phase 2: latency at a fixed offered rate, from each",
        "command's intended publish time to its reply being read.",
        "Threads: one client thread publishes and, between publishes, reads the",
        "replies (like the node's event loop), plus the matching thread: two",
        "busy threads, for 2 cores. --separate-consumer reads the replies on a",
        "third thread (for machines with 3 or more cores).",
        ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = { "0:run completed", "1:I/O failure writing --json", "2:usage error" })
public final class BenchPipelineCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order flow (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--sessions", paramLabel = "N",
        description = "Sessions (and accounts) the flow is spread over (default: ${DEFAULT-VALUE}).")
    private int sessions = 8;

    @Option(names = "--instruments", paramLabel = "N", description = "Instruments (default: ${DEFAULT-VALUE}).")
    private int instruments = 4;

    @Option(names = "--ring-size", paramLabel = "SLOTS",
        description = "Ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    private int ringSize = 1 << 14;

    @Option(names = "--look-ahead", paramLabel = "N",
        description = "The matching thread looks up the engine memory of the commands published behind the one it " +
            "applies, stage by stage, N sequences apart (disruptor ingress only; the node's engine.lookAhead); 0 " +
            "for none (default: ${DEFAULT-VALUE}).")
    private int lookAhead;

    @Option(names = "--metrics",
        description = "The matching handler keeps the node's metrics (counters and every command's stage latency, " +
            "as the node's metrics.enabled=true); default off.")
    private boolean metrics;

    @Option(names = "--queue", paramLabel = "QUEUE",
        description = "Ingress to the matching thread: disruptor (the node's CommandRing), agrona " +
            "(ManyToOneRingBuffer of fixed-size records), abq (ArrayBlockingQueue of pooled events), inline (no " +
            "queue: the client thread runs the matching handler itself, so the matching thread CPU line is one " +
            "thread's handler, flow and reply work, steadier on a shared machine) (default: ${DEFAULT-VALUE}).")
    private String queue = "disruptor";

    @Option(names = "--journal", paramLabel = "POLICY", arity = "0..1", fallbackValue = "batch",
        description = "Journal every command on the node's journal writer thread (in a temporary directory) and read " +
            "replies only once durable, as the node does: none, batch or interval; without a value batch " +
            "(default: no journal).")
    private String journal;

    @Option(names = "--separate-consumer",
        description = "Read the replies on a third thread instead of the client thread between publishes.")
    private boolean separateConsumer;

    @Option(names = "--publish-batch", paramLabel = "N",
        description = "Ring slots the unpaced producer claims and publishes at a time; 1 publishes one by one " +
            "(default: ${DEFAULT-VALUE}).")
    private int publishBatch = 64;

    @Option(names = "--wait", paramLabel = "STRATEGY",
        description = "Matching thread wait strategy: busy-spin, yielding, sleeping, backoff, blocking; for agrona " +
            "and abq the nearest Agrona idle strategy (backoff and blocking park instead of blocking) " +
            "(default: ${DEFAULT-VALUE}).")
    private String wait = "yielding";

    @Option(names = "--warmup", paramLabel = "N", description = "Unpaced warm-up commands (default: ${DEFAULT-VALUE}).")
    private long warmup = 2_000_000;

    @Option(names = "--commands", paramLabel = "N",
        description = "Unpaced commands measured for throughput (default: ${DEFAULT-VALUE}).")
    private long commands = 5_000_000;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
        description = "Offered rate of the latency phase (default: ${DEFAULT-VALUE}).")
    private long rate = 1_000_000;

    @Option(names = "--latency-warmup-seconds", paramLabel = "S",
        description = "Paced seconds not recorded (default: ${DEFAULT-VALUE}).")
    private int latencyWarmupSeconds = 1;

    @Option(names = "--latency-seconds", paramLabel = "S",
        description = "Paced seconds recorded (default: ${DEFAULT-VALUE}).")
    private int latencySeconds = 3;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    private Path json;

    /**
     * Run the benchmark; picocli calls it after parsing the options.
     *
     * @return the exit code.
     * @throws InterruptedException if interrupted.
     */
    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final PipelineBenchmarkOptions options = new PipelineBenchmarkOptions();
        try
        {
            options.waitStrategy = WaitStrategyKind.parse(wait);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("arbiter bench pipeline: --wait: " + ex.getMessage());
            return 2;
        }
        try
        {
            options.queue = PipelineQueue.parse(queue);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("arbiter bench pipeline: --queue: " + ex.getMessage());
            return 2;
        }
        if (journal != null)
        {
            try
            {
                options.journal = DurabilityPolicy.parse(journal);
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("arbiter bench pipeline: --journal: expected none, batch or interval, not " + journal);
                return 2;
            }
        }
        if (Integer.bitCount(ringSize) != 1 || sessions < 1 || instruments < 1 || rate < 1 || commands < 1 ||
            publishBatch < 1 || publishBatch > ringSize || lookAhead < 0)
        {
            err.println("arbiter bench pipeline: --ring-size must be a power of two, --publish-batch between 1 and " +
                "the ring size, --sessions, --instruments, --rate, --commands positive and --look-ahead not negative");
            return 2;
        }
        options.separateConsumer = separateConsumer;
        options.seed = seed;
        options.sessions = sessions;
        options.instruments = instruments;
        options.ringSize = ringSize;
        options.lookAhead = lookAhead;
        options.metrics = metrics;
        options.publishBatch = publishBatch;
        options.warmupCommands = warmup;
        options.throughputCommands = commands;
        options.rate = rate;
        options.latencyWarmupSeconds = latencyWarmupSeconds;
        options.latencySeconds = latencySeconds;

        final PipelineBenchmarkResult result = new PipelineBenchmark(options).run();
        out.print(result.toText());
        out.flush();
        if (json != null)
        {
            try
            {
                Files.writeString(json, result.toJson(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                err.println("arbiter bench pipeline: cannot write " + json + ": " + ex.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
