package io.arbiter.bench.pipeline;

import io.arbiter.bench.report.BenchJson;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Figures of one {@link PipelineBenchmark} run, as a text table or JSON. Filled once by the benchmark, then read;
 * not thread safe while being filled. Latencies are in nanoseconds.
 */
public final class PipelineBenchmarkResult
{
    PipelineBenchmarkOptions options;
    int publishBatch;
    long published;
    long completed;
    boolean drained;
    long throughputCommands;
    long throughputNs;
    long matchingCpuNs = -1;
    long latencyCommands;
    long replyRecords;
    long replyBatches;
    long fullRingRetries;
    long replyRingFullSpins;
    long trades;
    long rejects;
    int openOrdersAtEnd;
    long journaled;
    long[] mix = new long[5];
    Histogram histogram;

    /**
     * @return commands per second in the unpaced phase, from first publish to last reply seen.
     */
    public double commandsPerSecond()
    {
        return throughputNs == 0 ? 0 : throughputCommands * 1e9 / throughputNs;
    }

    /**
     * @return "client-thread" (publisher reads the replies) or "separate-consumer".
     */
    public String layout()
    {
        return options.separateConsumer ? "separate-consumer" : "client-thread";
    }

    /**
     * @return threads the benchmark keeps busy: the client (and reply) thread(s), the matching thread (none of its
     *         own with the inline queue) and, with a journal, the journal writer thread.
     */
    public int threads()
    {
        return (options.separateConsumer ? 3 : 2) - (options.queue == PipelineQueue.INLINE ? 1 : 0) +
            (options.journal != null ? 1 : 0);
    }

    /**
     * @return the journal's durability policy in lower case, or "off".
     */
    public String journalName()
    {
        return options.journal == null ? "off" : options.journal.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return last journal sequence made durable by the end of the run (0 without a journal).
     */
    public long journaled()
    {
        return journaled;
    }

    /**
     * @return true if every published command got exactly one primary reply and the matching thread drained.
     */
    public boolean consistent()
    {
        return drained && completed == published;
    }

    /**
     * @param percentile 0 to 100.
     * @return latency from intended publish time to reply seen, in nanoseconds.
     */
    public long latencyNs(final double percentile)
    {
        return histogram.getValueAtPercentile(percentile);
    }

    /**
     * @return the recorded latencies.
     */
    public Histogram histogram()
    {
        return histogram;
    }

    /**
     * Produces garbage.
     *
     * @return a human-readable summary.
     */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
            "pipeline: queue %s, layout %s (%d threads), %d sessions, %d instruments, ring %d, wait %s, " +
            "publish batch %d, seed %d, journal %s, look-ahead %d, metrics %s%n",
            options.queue.configName(), layout(), threads(), options.sessions, options.instruments, options.ringSize,
            options.waitStrategy.configName(), publishBatch, options.seed, journalName(), options.lookAhead,
            options.metrics ? "on" : "off"));
        sb.append(String.format(Locale.ROOT,
            "mix: gtc %d, ioc %d, market %d, cancel %d, replace %d; trades %d; rejected %d%n",
            mix[0], mix[1], mix[2], mix[3], mix[4], trades, rejects));
        sb.append(String.format(Locale.ROOT, "throughput: %,d commands in %.3f s = %,.0f commands/s%n",
            throughputCommands, throughputNs / 1e9, commandsPerSecond()));
        if (matchingCpuNs > 0)
        {
            sb.append(String.format(Locale.ROOT,
                "matching thread CPU in that phase: %.0f ns per command = %,.0f commands per CPU-second%n",
                (double)matchingCpuNs / throughputCommands, throughputCommands * 1e9 / matchingCpuNs));
        }
        sb.append(String.format(Locale.ROOT,
            "latency at %,d/s offered (%,d commands, from intended publish time to reply seen):%n",
            options.rate, latencyCommands));
        sb.append(String.format(Locale.ROOT,
            "  p50 %.1f us  p90 %.1f us  p99 %.1f us  p99.9 %.1f us  p99.99 %.1f us  max %.1f us%n",
            latencyNs(50) / 1e3, latencyNs(90) / 1e3, latencyNs(99) / 1e3, latencyNs(99.9) / 1e3,
            latencyNs(99.99) / 1e3, histogram.getMaxValue() / 1e3));
        sb.append(String.format(Locale.ROOT,
            "replies: %,d records in %,d batches (%.1f per batch); ring-full retries %,d; reply-ring-full spins %,d%n",
            replyRecords, replyBatches, replyBatches == 0 ? 0.0 : (double)replyRecords / replyBatches,
            fullRingRetries, replyRingFullSpins));
        if (!consistent())
        {
            sb.append(String.format(Locale.ROOT,
                "WARNING: %,d commands published, %,d completed, drained %b%n", published, completed, drained));
        }
        return sb.toString();
    }

    /**
     * Produces garbage.
     *
     * @return the figures as a JSON object.
     */
    public String toJson()
    {
        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("benchmark", "pipeline");
        figures.put("queue", options.queue.configName());
        figures.put("layout", layout());
        figures.put("threads", threads());
        figures.put("sessions", options.sessions);
        figures.put("instruments", options.instruments);
        figures.put("ringSize", options.ringSize);
        figures.put("lookAhead", options.lookAhead);
        figures.put("metrics", options.metrics);
        figures.put("waitStrategy", options.waitStrategy.configName());
        figures.put("journal", journalName());
        figures.put("journaled", journaled);
        figures.put("publishBatch", publishBatch);
        figures.put("seed", options.seed);
        figures.put("processors", Runtime.getRuntime().availableProcessors());
        figures.put("jvm", System.getProperty("java.vm.version"));
        final Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("commands", throughputCommands);
        throughput.put("nanos", throughputNs);
        throughput.put("matchingThreadCpuNanos", matchingCpuNs);
        throughput.put("commandsPerSecond", BenchJson.decimal(commandsPerSecond(), 0));
        figures.put("throughput", throughput);
        final Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("offeredRate", options.rate);
        latency.put("commands", latencyCommands);
        latency.put("recorded", histogram.getTotalCount());
        latency.put("p50Ns", latencyNs(50));
        latency.put("p90Ns", latencyNs(90));
        latency.put("p99Ns", latencyNs(99));
        latency.put("p999Ns", latencyNs(99.9));
        latency.put("p9999Ns", latencyNs(99.99));
        latency.put("maxNs", histogram.getMaxValue());
        figures.put("latency", latency);
        final Map<String, Object> mixFigures = new LinkedHashMap<>();
        mixFigures.put("gtc", mix[0]);
        mixFigures.put("ioc", mix[1]);
        mixFigures.put("market", mix[2]);
        mixFigures.put("cancel", mix[3]);
        mixFigures.put("replace", mix[4]);
        figures.put("mix", mixFigures);
        figures.put("trades", trades);
        figures.put("rejected", rejects);
        figures.put("replyRecords", replyRecords);
        figures.put("replyBatches", replyBatches);
        figures.put("ringFullRetries", fullRingRetries);
        figures.put("published", published);
        figures.put("completed", completed);
        figures.put("consistent", consistent());
        return BenchJson.write(figures);
    }
}
