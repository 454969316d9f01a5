package io.arbiter.app.bench;

import io.arbiter.bench.engine.EngineBenchmark;
import io.arbiter.bench.engine.EngineBenchmarkResult;
import io.arbiter.bench.engine.OrderFlowGenerator;
import io.arbiter.engine.PriceIndexes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;

/**
 * {@code arbiter bench engine}: runs {@link EngineBenchmark} on the calling thread and prints its summary (and
 * optionally writes JSON). Used by one thread, once.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    description = {
        "In-process single-thread engine benchmark: builds a book of resting orders, then measures throughput, " +
            "latency at a fixed offered rate (from the intended start time, no coordinated omission), " +
            "bytes allocated per command and heap bytes per resting order.",
        "Progress goes to stderr, the summary to stdout. Run with e.g. -Xms4g -Xmx4g -XX:+AlwaysPreTouch."})
public final class BenchEngineCommand implements Callable<Integer>
{
    @Option(names = "--seed", paramLabel = "N",
        description = "Seed of the generated order flow (default: ${DEFAULT-VALUE}).")
    long seed = EngineBenchmark.DEFAULT_SEED;

    @Option(names = {"--orders", "--resting"}, paramLabel = "N",
        description = "Target number of resting orders at steady state (default: ${DEFAULT-VALUE}).")
    int resting = EngineBenchmark.DEFAULT_RESTING;

    @Option(names = "--levels", paramLabel = "N",
        description = "Price levels per book the resting orders spread over (default: ${DEFAULT-VALUE}).")
    int levels = EngineBenchmark.DEFAULT_LEVELS;

    @Option(names = "--instruments", paramLabel = "N",
        description = "Number of instruments (books) the flow is spread over (default: ${DEFAULT-VALUE}).")
    int instruments = 1;

    @Option(names = "--commands", paramLabel = "N",
        description = "Commands in each measured phase, throughput and latency (default: ${DEFAULT-VALUE}).")
    long commands = EngineBenchmark.DEFAULT_COMMANDS;

    @Option(names = "--rate", paramLabel = "PER_SECOND",
        description = "Offered rate of the latency phase, commands per second (default: ${DEFAULT-VALUE}).")
    long rate = EngineBenchmark.DEFAULT_RATE;

    @Option(names = "--warmup", paramLabel = "N",
        description = "Steady-state warm-up commands after the book is built (default: ${DEFAULT-VALUE}).")
    long warmup = EngineBenchmark.DEFAULT_WARMUP;

    @Option(names = "--price-index", paramLabel = "NAME",
        description = "Price-level index structure of the engine (default: ${DEFAULT-VALUE}).")
    String priceIndex = PriceIndexes.DEFAULT;

    @Option(names = "--book-updates",
        description = "The measured engine also reports the price levels each command changed (market data).")
    boolean bookUpdates;

    @Option(names = "--risk",
        description = "Every instrument trades a base asset against a quote asset: every order takes a hold and every "
            + "fill settles with fees, over 10,000 funded accounts.")
    boolean risk;

    @Option(names = "--mix", paramLabel = "NAME",
        description = "Order flow: plain, or stops-icebergs (10 %% stop market orders, icebergs for 10 %% of the " +
            "commands) (default: ${DEFAULT-VALUE}).")
    String mix = OrderFlowGenerator.MIX_PLAIN;

    @Option(names = "--look-ahead", paramLabel = "N",
        description = "Throughput replay: before each group of N commands, look up the memory of the next groups' " +
            "commands, one stage per group, so their cache misses overlap; 0 for none (default: ${DEFAULT-VALUE}).")
    int lookAhead = EngineBenchmark.DEFAULT_LOOK_AHEAD;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to this file.")
    File json;

    /**
     * Run the benchmark.
     *
     * @return 0 on success, 2 for invalid options.
     * @throws Exception if the JSON file cannot be written.
     */
    @Override
    public Integer call() throws Exception
    {
        if (resting < 1 || levels < 4 || instruments < 1 || commands < 1 || rate < 1 || warmup < 0 ||
            lookAhead < 0 ||
            !OrderFlowGenerator.MIX_PLAIN.equals(mix) && !OrderFlowGenerator.MIX_STOPS_ICEBERGS.equals(mix))
        {
            System.err.println("invalid options: --orders, --instruments, --commands and --rate must be positive, " +
                "--levels at least 4, --warmup and --look-ahead not negative, --mix plain or stops-icebergs");
            return 2;
        }
        final EngineBenchmarkResult result = new EngineBenchmark()
            .seed(seed)
            .resting(resting)
            .levels(levels)
            .instruments(instruments)
            .commands(commands)
            .rate(rate)
            .warmup(warmup)
            .priceIndex(priceIndex)
            .bookUpdates(bookUpdates)
            .risk(risk)
            .mix(mix)
            .lookAhead(lookAhead)
            .progress(System.err)
            .run();
        System.out.print(result.summary());
        if (json != null)
        {
            Files.write(json.toPath(), result.toJson().getBytes(StandardCharsets.UTF_8));
            System.err.println("wrote " + json);
        }
        return 0;
    }
}
