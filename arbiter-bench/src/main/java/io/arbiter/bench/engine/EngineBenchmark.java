package io.arbiter.bench.engine;

import io.arbiter.engine.Command;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.LevelListener;
import io.arbiter.engine.SnapshotRestorer;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.PriceIndexes;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The in-process engine benchmark: builds a book of about a million resting orders with {@link OrderFlowGenerator},
 * then on the calling thread measures throughput, coordinated-omission-corrected latency at a fixed offered rate,
 * bytes allocated per command and heap bytes per resting order. Run it on one thread; it is configured fluently
 * and produces garbage only outside the measured phases.
 */
public final class EngineBenchmark
{
    private static final com.sun.management.ThreadMXBean THREAD_MX_BEAN =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /** Default seed. */
    public static final long DEFAULT_SEED = 20_240_601L;
    /** Default number of resting orders at steady state. */
    public static final int DEFAULT_RESTING = 1_000_000;
    /** Default price levels per book. */
    public static final int DEFAULT_LEVELS = 1_000;
    /** Default commands in each measured phase. */
    public static final long DEFAULT_COMMANDS = 5_000_000;
    /** Default offered rate of the latency phase, commands per second. */
    public static final long DEFAULT_RATE = 1_000_000;
    /** Default steady-state warm-up commands after the book is built. */
    public static final long DEFAULT_WARMUP = 3_000_000;

    /** Default look-ahead distance of the throughput replay (see {@link CommandTape#replay}): none. */
    public static final int DEFAULT_LOOK_AHEAD = 0;

    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long PROGRESS_EVERY = 1L << 20;
    private static final int FLOOR_RUNS = 5;

    private long seed = DEFAULT_SEED;
    private int instruments = 1;
    private int resting = DEFAULT_RESTING;
    private int levels = DEFAULT_LEVELS;
    private long commands = DEFAULT_COMMANDS;
    private long rate = DEFAULT_RATE;
    private long warmup = DEFAULT_WARMUP;
    private String priceIndex = PriceIndexes.DEFAULT;
    private boolean bookUpdates;
    private boolean risk;
    private String mix = OrderFlowGenerator.MIX_PLAIN;
    private int lookAhead = DEFAULT_LOOK_AHEAD;
    private PrintStream progress = System.err;
    private final long[] floorWall = new long[FLOOR_RUNS];

    /**
     * @param seed of the order flow.
     * @return this.
     */
    public EngineBenchmark seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /**
     * @param instruments number of books the flow is spread over.
     * @return this.
     */
    public EngineBenchmark instruments(final int instruments)
    {
        this.instruments = instruments;
        return this;
    }

    /**
     * @param resting target resting orders over all books.
     * @return this.
     */
    public EngineBenchmark resting(final int resting)
    {
        this.resting = resting;
        return this;
    }

    /**
     * @param levels price levels per book.
     * @return this.
     */
    public EngineBenchmark levels(final int levels)
    {
        this.levels = levels;
        return this;
    }

    /**
     * @param commands commands in each measured phase (throughput and latency).
     * @return this.
     */
    public EngineBenchmark commands(final long commands)
    {
        this.commands = commands;
        return this;
    }

    /**
     * @param rate offered rate of the latency phase, commands per second.
     * @return this.
     */
    public EngineBenchmark rate(final long rate)
    {
        this.rate = rate;
        return this;
    }

    /**
     * @param warmup steady-state commands run after the build and before measuring.
     * @return this.
     */
    public EngineBenchmark warmup(final long warmup)
    {
        this.warmup = warmup;
        return this;
    }

    /**
     * @param priceIndex name of the engine's price index (see {@link PriceIndexes}).
     * @return this.
     */
    public EngineBenchmark priceIndex(final String priceIndex)
    {
        this.priceIndex = priceIndex;
        return this;
    }

    /**
     * @param risk whether every instrument has assets, so that every order takes a hold and every fill settles, with
     *             the generator's 10,000 accounts funded.
     * @return this.
     */
    public EngineBenchmark risk(final boolean risk)
    {
        this.risk = risk;
        return this;
    }

    /**
     * @param bookUpdates whether the measured engine reports the price levels each command changed (to a counting
     *                    {@link io.arbiter.engine.LevelListener}).
     * @return this.
     */
    public EngineBenchmark bookUpdates(final boolean bookUpdates)
    {
        this.bookUpdates = bookUpdates;
        return this;
    }

    /**
     * @param mix {@link OrderFlowGenerator#MIX_PLAIN} or {@link OrderFlowGenerator#MIX_STOPS_ICEBERGS}.
     * @return this.
     * @throws IllegalArgumentException for another name.
     */
    public EngineBenchmark mix(final String mix)
    {
        if (!OrderFlowGenerator.MIX_PLAIN.equals(mix) && !OrderFlowGenerator.MIX_STOPS_ICEBERGS.equals(mix))
        {
            throw new IllegalArgumentException("unknown mix: " + mix);
        }
        this.mix = mix;
        return this;
    }

    /**
     * @param lookAhead group size in commands of the throughput replay's look-ahead (see {@link CommandTape#replay});
     *                  0 applies the commands one after the other with no look-ahead.
     * @return this.
     * @throws IllegalArgumentException if negative.
     */
    public EngineBenchmark lookAhead(final int lookAhead)
    {
        if (lookAhead < 0)
        {
            throw new IllegalArgumentException("look-ahead must not be negative: " + lookAhead);
        }
        this.lookAhead = lookAhead;
        return this;
    }

    /**
     * @param progress where progress lines go (stderr by default).
     * @return this.
     */
    public EngineBenchmark progress(final PrintStream progress)
    {
        this.progress = progress;
        return this;
    }

    /**
     * Engine configuration whose pools never grow for a generator's flow: orders for the target book plus 10% headroom
     * (the generator keeps the book within about 0.1% of its target), levels for every price it can use in every book,
     * and with stops and icebergs records of optional fields for a quarter of the order pool (about a tenth of the book
     * are icebergs and waiting stops). The holds of instruments with assets need no size: they are a column beside
     * the orders.
     *
     * @param generator the flow.
     * @return a new context.
     */
    public static EngineContext contextFor(final OrderFlowGenerator generator)
    {
        final int orderPoolSize = generator.targetResting() + generator.targetResting() / 10 + 1024;
        final EngineContext context = new EngineContext()
            .orderPoolSize(orderPoolSize)
            .levelPoolSize(generator.instrumentCount() * (generator.maxLevelsPerBook() + 16));
        if (generator.hasStopsAndIcebergs())
        {
            context.extrasPoolSize(orderPoolSize / 4);
        }
        return context;
    }

    /**
     * Build the book with passive adds until the generator's target of resting orders is reached.
     *
     * @param engine    whose listener is the generator.
     * @param generator the flow.
     * @param command   reused command.
     * @param progress  for progress lines, or null.
     * @return commands sent.
     */
    public static long buildBook(
        final MatchingEngine engine,
        final OrderFlowGenerator generator,
        final Command command,
        final PrintStream progress)
    {
        long sent = 0;
        while (generator.restingCount() < generator.targetResting())
        {
            engine.onCommand(generator.nextBuild(command));
            sent++;
            if (progress != null && (sent & (PROGRESS_EVERY - 1)) == 0)
            {
                progress.printf("build: %,d resting%n", generator.restingCount());
            }
        }
        return sent;
    }

    /**
     * Run steady-state commands as fast as possible.
     *
     * @param engine    whose listener is the generator.
     * @param generator the flow.
     * @param command   reused command.
     * @param count     commands to run.
     */
    public static void runSteadyState(
        final MatchingEngine engine, final OrderFlowGenerator generator, final Command command, final long count)
    {
        for (long i = 0; i < count; i++)
        {
            engine.onCommand(generator.next(command));
        }
    }

    /**
     * @return bytes allocated so far by the calling thread (HotSpot's per-thread counter).
     */
    public static long threadAllocatedBytes()
    {
        return THREAD_MX_BEAN.getCurrentThreadAllocatedBytes();
    }

    /**
     * Run the whole benchmark on the calling thread. Produces garbage outside the measured phases.
     *
     * @return the figures.
     */
    public EngineBenchmarkResult run()
    {
        final EngineBenchmarkResult result = new EngineBenchmarkResult();
        result.seed = seed;
        result.instruments = instruments;
        result.targetResting = resting;
        result.levelsPerBook = levels;
        result.priceIndex = priceIndex;
        result.bookUpdates = bookUpdates;
        result.risk = risk;
        result.mixName = mix;
        result.lookAhead = lookAhead;
        result.jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        result.gc = gcNames();
        result.processors = Runtime.getRuntime().availableProcessors();

        final Command command = new Command();
        final Histogram latency = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final Histogram service = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final Histogram floor = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final Histogram floorService = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        final OrderFlowGenerator generator = new OrderFlowGenerator(seed, instruments, resting, levels);
        if (OrderFlowGenerator.MIX_STOPS_ICEBERGS.equals(mix))
        {
            generator.stopsAndIcebergs();
        }
        threadAllocatedBytes();

        result.heapBeforeEngine = usedHeapAfterGc();
        final MatchingEngine engine = new MatchingEngine(contextFor(generator).priceIndex(priceIndex), generator);
        generator.addInstruments(engine, risk);
        result.heapEmptyEngine = usedHeapAfterGc();
        if (risk)
        {
            result.fundedBalances = generator.fundAccounts(engine);
            final long heapFunded = usedHeapAfterGc();
            result.heapBalances = heapFunded - result.heapEmptyEngine;
            result.heapEmptyEngine = heapFunded;
            progress.printf("risk: funded %,d balances (%,d accounts), %.1f heap bytes per account and asset%n",
                result.fundedBalances, OrderFlowGenerator.ACCOUNTS, result.heapBytesPerBalance());
        }

        progress.printf("build: adding %,d resting orders over %d level(s)/book%n", resting, levels);
        final long buildStart = System.nanoTime();
        result.buildCommands = buildBook(engine, generator, command, progress);
        result.buildNanos = System.nanoTime() - buildStart;
        result.restingAtHeapMeasure = engine.openOrderCount();
        result.heapFullBook = usedHeapAfterGc();
        progress.printf("build: %,d resting orders, %,d occupied levels, %.1f heap bytes/order%n",
            result.restingAtHeapMeasure, generator.occupiedLevels(), result.heapBytesPerRestingOrder());

        progress.printf("warm-up: %,d steady-state commands%n", warmup);
        for (long done = 0; done < warmup; done += PROGRESS_EVERY * 4)
        {
            runSteadyState(engine, generator, command, Math.min(PROGRESS_EVERY * 4, warmup - done));
            progress.printf("warm-up: %,d commands, %,d resting%n", Math.min(done + PROGRESS_EVERY * 4, warmup),
                generator.restingCount());
        }
        result.warmupCommands = warmup;
        final long[] mixStart = new long[OrderFlowGenerator.KIND_COUNT];
        for (int k = 0; k < mixStart.length; k++)
        {
            mixStart[k] = generator.commandCount(k);
        }
        usedHeapAfterGc();

        progress.printf("replay engine: restoring a copy of the book from a snapshot%n");
        final CountingListener sink = new CountingListener();
        final MatchingEngine replay =
            copyOf(engine, contextFor(generator).priceIndex(priceIndex), sink, bookUpdates ? sink : null);
        final CommandTape tape = new CommandTape((int)commands);
        final FloorRecorder floorRecorder = OrderFlowGenerator.MIX_PLAIN.equals(mix) ?
            new FloorRecorder(engine, contextFor(generator)) : null;

        progress.printf("throughput: recording %,d commands, then replaying them as fast as possible%n", commands);
        final long tradesBefore = replay.tradeCount();
        record(engine, generator, command, tape, commands);
        final long allocatedBefore = threadAllocatedBytes();
        final long throughputCpuStart = THREAD_MX_BEAN.getCurrentThreadCpuTime();
        final long throughputStart = System.nanoTime();
        tape.replay(replay, command, lookAhead);
        result.throughputNanos = System.nanoTime() - throughputStart;
        result.throughputCpuNanos = THREAD_MX_BEAN.getCurrentThreadCpuTime() - throughputCpuStart;
        final long allocatedMiddle = threadAllocatedBytes();
        result.throughputCommands = commands;
        if (floorRecorder != null)
        {
            measureFloor(floorRecorder, tape, result);
        }

        progress.printf("latency: recording %,d commands, then offering them at %,d/s%n", commands, rate);
        tape.clear();
        record(engine, generator, command, tape, commands);
        progress.printf("platform floor: the same paced loop at %,d/s with no engine call%n", rate);
        runAtRate(null, tape, command, rate, floor, floorService);
        final long latencyStart = System.nanoTime();
        final long allocatedBeforeLatency = threadAllocatedBytes();
        runAtRate(replay, tape, command, rate, latency, service);
        final long allocatedAfter = threadAllocatedBytes();
        result.latencyNanos = System.nanoTime() - latencyStart;
        result.latencyCommands = commands;
        result.levelChanges = sink.levels();
        if (replay.stateHash() != engine.stateHash())
        {
            throw new IllegalStateException("the replayed engine diverged from the recorded one");
        }

        result.allocatedBytes = (allocatedMiddle - allocatedBefore) + (allocatedAfter - allocatedBeforeLatency);
        result.measuredCommands = 2 * commands;
        result.offeredRate = rate;
        result.p50Ns = latency.getValueAtPercentile(50);
        result.p99Ns = latency.getValueAtPercentile(99);
        result.p999Ns = latency.getValueAtPercentile(99.9);
        result.p9999Ns = latency.getValueAtPercentile(99.99);
        result.maxNs = latency.getMaxValue();
        result.serviceP50Ns = service.getValueAtPercentile(50);
        result.serviceP99Ns = service.getValueAtPercentile(99);
        result.serviceP9999Ns = service.getValueAtPercentile(99.99);
        result.serviceMaxNs = service.getMaxValue();
        result.floorP50Ns = floor.getValueAtPercentile(50);
        result.floorP99Ns = floor.getValueAtPercentile(99);
        result.floorP999Ns = floor.getValueAtPercentile(99.9);
        result.floorP9999Ns = floor.getValueAtPercentile(99.99);
        result.floorMaxNs = floor.getMaxValue();

        result.commandsExecuted = generator.commandsGenerated();
        result.tradesMeasured = replay.tradeCount() - tradesBefore;
        result.tradesTotal = engine.tradeCount();
        result.rejectsTotal = generator.rejects();
        result.finalResting = engine.openOrderCount();
        result.extrasInUse = engine.extrasInUse();
        result.holdsInUse = engine.holdsInUse();
        result.occupiedLevels = generator.occupiedLevels();
        result.poolGrowth = engine.poolGrowth();
        for (int k = 0; k < mixStart.length; k++)
        {
            result.mix[k] = generator.commandCount(k) - mixStart[k];
        }
        result.stateHash = engine.stateHash();
        if (generator.restingCount() + generator.waitingStops() != engine.openOrderCount())
        {
            throw new IllegalStateException("generator tracks " + generator.restingCount() + " resting and " +
                generator.waitingStops() + " waiting stop orders, engine has " + engine.openOrderCount() + " open");
        }
        return result;
    }

    /**
     * The machine's floor for the throughput tape (see {@link MemoryFloor}): built from a copy of the book the tape
     * started from, run once to compile it, then {@value #FLOOR_RUNS} times; the run of median CPU time counts.
     * Produces garbage before the measured runs.
     */
    private void measureFloor(final FloorRecorder recorder, final CommandTape tape, final EngineBenchmarkResult result)
    {
        progress.printf("machine floor: the tape's unavoidable memory touches alone, tables of the engine's sizes%n");
        final MemoryFloor floor = recorder.floorOf(tape);
        usedHeapAfterGc();
        floor.run(false);
        floor.run(true);
        long median = medianRun(floor, false);
        result.floorCpuNanos = median >>> 32;
        result.floorNanos = floorWall[(int)(median & 0xFFFF_FFFFL)];
        median = medianRun(floor, true);
        result.chainedFloorCpuNanos = median >>> 32;
        result.chainedFloorNanos = floorWall[(int)(median & 0xFFFF_FFFFL)];
        result.floorCommands = floor.commands();
        result.floorTouches = floor.touches();
        result.floorLines = floor.lines();
        result.floorSink = floor.sink();
    }

    /**
     * @return the median run's CPU nanoseconds in the high 32 bits, its number in the low; the wall times of the runs
     *         in {@link #floorWall}.
     */
    private long medianRun(final MemoryFloor floor, final boolean chained)
    {
        final long[] cpu = new long[FLOOR_RUNS];
        for (int i = 0; i < FLOOR_RUNS; i++)
        {
            cpu[i] = floor.run(chained) << 32 | i;
            floorWall[i] = floor.lastWallNanos();
        }
        Arrays.sort(cpu);
        return cpu[FLOOR_RUNS / 2];
    }

    /**
     * Offer recorded commands at a fixed rate: command i is due at start + i / rate; spin (never sleep) until it is
     * due,
     * then record from the due time to the end of {@code onCommand}, so a stall delays and is charged to every command
     * behind it (no coordinated omission). With a null engine the loop is the same but applies nothing: the platform
     * floor, i.e. what the clock reads, the pacing and the machine's own stalls (interrupts, steal) cost by themselves.
     */
    private static void runAtRate(
        final MatchingEngine engine,
        final CommandTape tape,
        final Command command,
        final long rate,
        final Histogram latency,
        final Histogram service)
    {
        final int count = tape.size();
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < count; i++)
        {
            tape.read(i, command);
            final long intendedNs = start + (i * 1_000_000_000L) / rate;
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                Thread.onSpinWait();
            }
            if (engine != null)
            {
                engine.onCommand(command);
            }
            final long endNs = System.nanoTime();
            latency.recordValue(Math.min(endNs - intendedNs, HIGHEST_TRACKABLE_NS));
            service.recordValue(Math.min(endNs - nowNs, HIGHEST_TRACKABLE_NS));
        }
    }

    /**
     * Drive the generator's own engine for {@code count} commands, recording each on the tape.
     *
     * @param engine    whose listener is the generator.
     * @param generator the flow.
     * @param command   reused command.
     * @param tape      to record on.
     * @param count     commands.
     */
    public static void record(
        final MatchingEngine engine,
        final OrderFlowGenerator generator,
        final Command command,
        final CommandTape tape,
        final long count)
    {
        for (long i = 0; i < count; i++)
        {
            tape.record(generator.next(command));
            engine.onCommand(command);
        }
    }

    /**
     * Apply every command of a tape, as fast as possible.
     *
     * @param engine  to drive.
     * @param tape    recorded commands.
     * @param command reused command.
     */
    public static void replayTape(final MatchingEngine engine, final CommandTape tape, final Command command)
    {
        tape.replay(engine, command, 0);
    }

    /**
     * A new engine with the same instruments, books and counters as another, through its snapshot. Produces garbage.
     *
     * @param source   engine to copy.
     * @param context  of the copy.
     * @param listener of the copy.
     * @return the copy.
     */
    public static MatchingEngine copyOf(
        final MatchingEngine source, final EngineContext context, final ExecutionListener listener)
    {
        return copyOf(source, context, listener, null);
    }

    /**
     * {@link #copyOf(MatchingEngine, EngineContext, ExecutionListener)} with a listener of level changes. Produces
     * garbage.
     *
     * @param source        engine to copy.
     * @param context       of the copy.
     * @param listener      of the copy.
     * @param levelListener of the copy's level changes, or null.
     * @return the copy.
     */
    public static MatchingEngine copyOf(
        final MatchingEngine source,
        final EngineContext context,
        final ExecutionListener listener,
        final LevelListener levelListener)
    {
        final MatchingEngine copy = new MatchingEngine(context, listener, levelListener);
        source.snapshot(new SnapshotRestorer(copy));
        if (copy.stateHash() != source.stateHash())
        {
            throw new IllegalStateException("snapshot copy differs from its source");
        }
        return copy;
    }

    private static long usedHeapAfterGc()
    {
        final Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static String gcNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (names.length() > 0)
            {
                names.append(", ");
            }
            names.append(bean.getName());
        }
        return names.toString();
    }

    /**
     * Run with defaults, or {@code --seed N --resting N --levels N --commands N --rate N --warmup N --instruments N
     * --price-index NAME --json FILE}; prints the summary to stdout.
     *
     * @param args options as above.
     * @throws Exception if the JSON file cannot be written.
     */
    public static void main(final String[] args) throws Exception
    {
        final EngineBenchmark benchmark = new EngineBenchmark();
        String json = null;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            final String value = args[i + 1];
            switch (args[i])
            {
                case "--seed":
                    benchmark.seed(Long.parseLong(value));
                    break;
                case "--resting":
                case "--orders":
                    benchmark.resting(Integer.parseInt(value));
                    break;
                case "--levels":
                    benchmark.levels(Integer.parseInt(value));
                    break;
                case "--commands":
                    benchmark.commands(Long.parseLong(value));
                    break;
                case "--rate":
                    benchmark.rate(Long.parseLong(value));
                    break;
                case "--warmup":
                    benchmark.warmup(Long.parseLong(value));
                    break;
                case "--instruments":
                    benchmark.instruments(Integer.parseInt(value));
                    break;
                case "--price-index":
                    benchmark.priceIndex(value);
                    break;
                case "--json":
                    json = value;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        final EngineBenchmarkResult result = benchmark.run();
        System.out.print(result.summary());
        if (json != null)
        {
            Files.write(Path.of(json), result.toJson().getBytes(StandardCharsets.UTF_8));
        }
    }
}
