package io.arbiter.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Describes the machine and JVM the load generator runs on. Stateless; any thread; produces garbage.
 */
public final class MachineInfo
{
    private MachineInfo()
    {
    }

    /**
     * Cores, OS, JDK, GC and heap limit as name/value pairs.
     *
     * @return the description.
     */
    public static Map<String, Object> describe()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("cores", Runtime.getRuntime().availableProcessors());
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        map.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " " +
            System.getProperty("java.runtime.version"));
        final StringJoiner gcs = new StringJoiner(", ");
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            gcs.add(gc.getName());
        }
        map.put("gc", gcs.toString());
        map.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        map.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        return map;
    }

    /**
     * @return the first line of {@code /proc/loadavg}, or {@code n/a} where there is none.
     */
    public static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final IOException ex)
        {
            return "n/a";
        }
    }

    /**
     * @return the CPU model name from {@code /proc/cpuinfo}, or {@code n/a} where there is none.
     */
    public static String cpuModel()
    {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo")))
        {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(
                line.indexOf(':') + 1).trim()).findFirst().orElse("n/a");
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "n/a";
        }
    }
}
