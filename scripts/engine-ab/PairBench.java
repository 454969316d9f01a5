import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Interleaved engine replays of several variants (jar + plain/risk) in one JVM, each variant in its own class loader
 * (own JIT profile), chunk by chunk in rotating order, timing each chunk by the thread's CPU time.
 * args: resting warmup tapeLength chunk label=jar[,jar...]:risk|plain[@lookAhead] ... (run by scripts/engine-ab.sh)
 */
public final class PairBench
{
    public static void main(final String[] args) throws Exception
    {
        final int resting = Integer.parseInt(args[0]);
        final long warmup = Long.parseLong(args[1]);
        final int tapeLength = Integer.parseInt(args[2]);
        final int chunk = Integer.parseInt(args[3]);
        final int n = args.length - 4;
        final String[] labels = new String[n];
        final LongUnaryOperator[] drivers = new LongUnaryOperator[n];
        final URL harness = new File(System.getProperty("harness.dir")).toURI().toURL();
        for (int v = 0; v < n; v++)
        {
            final String spec = args[4 + v];
            labels[v] = spec.substring(0, spec.indexOf('='));
            final String jar = spec.substring(spec.indexOf('=') + 1, spec.lastIndexOf(':'));
            final String mode = spec.substring(spec.lastIndexOf(':') + 1);
            final boolean risk = mode.startsWith("risk");
            final int lookAhead = mode.contains("@") ? Integer.parseInt(mode.substring(mode.indexOf('@') + 1)) : 0;
            final String[] paths = jar.split(",");
            final URL[] urls = new URL[paths.length + 1];
            urls[0] = harness;
            for (int i = 0; i < paths.length; i++)
            {
                urls[i + 1] = new File(paths[i]).toURI().toURL();
            }
            final URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            final long t0 = System.nanoTime();
            drivers[v] = (LongUnaryOperator)loader.loadClass("PairDriver")
                .getConstructor(Boolean.class, Integer.class, Long.class, Integer.class, Integer.class)
                .newInstance(risk, resting, warmup, tapeLength, lookAhead);
            System.err.printf("built %s in %.1f s%n", labels[v], (System.nanoTime() - t0) / 1e9);
        }
        System.gc();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final int rounds = tapeLength / chunk;
        final double[][] nsPerCommand = new double[n][rounds];
        final long[] cpu = new long[n];
        final long[] commands = new long[n];
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < n; k++)
            {
                final int v = (r % 2 == 0) ? (k + r / 2) % n : (n - 1 - k + r / 2) % n;
                final long c0 = threads.getCurrentThreadCpuTime();
                final long done = drivers[v].applyAsLong(chunk);
                final long c1 = threads.getCurrentThreadCpuTime();
                nsPerCommand[v][r] = (double)(c1 - c0) / done;
                cpu[v] += c1 - c0;
                commands[v] += done;
            }
        }
        for (int v = 0; v < n; v++)
        {
            final double[] sorted = nsPerCommand[v].clone();
            Arrays.sort(sorted);
            System.out.printf("%-12s total %7.1f ns/cmd  median chunk %7.1f  p25 %7.1f  p75 %7.1f  hash-ok %d%n",
                labels[v], (double)cpu[v] / commands[v], sorted[rounds / 2], sorted[rounds / 4], sorted[3 * rounds / 4],
                drivers[v].applyAsLong(-1));
        }
        // per-round ratios of consecutive pairs (plain, risk) in the order given: variant 2i = plain, 2i+1 = risk
        for (int v = 0; v + 1 < n; v += 2)
        {
            final double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++)
            {
                ratio[r] = nsPerCommand[v][r] / nsPerCommand[v + 1][r];
            }
            Arrays.sort(ratio);
            System.out.printf("%s/%s throughput ratio: total %.3f  median per round %.3f  (p25 %.3f p75 %.3f)%n",
                labels[v + 1], labels[v], (double)cpu[v] / commands[v] / ((double)cpu[v + 1] / commands[v + 1]),
                ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
        }
    }
}
