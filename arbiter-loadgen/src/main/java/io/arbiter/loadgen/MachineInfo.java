package io.arbiter.loadgen;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

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
}
