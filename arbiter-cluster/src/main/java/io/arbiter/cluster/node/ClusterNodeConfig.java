package io.arbiter.cluster.node;

import io.arbiter.cluster.service.EngineServiceContext;
import io.arbiter.server.config.ServerConfigLoader;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration of one cluster member, read from a properties file (docs/cluster.md lists the keys): the members,
 * where this member keeps its data, Aeron's timeouts and the instruments of a fresh cluster. Control plane; produces
 * garbage; not thread safe.
 */
public final class ClusterNodeConfig
{
    private ClusterMembers members;
    private int memberId;
    private Path dataDir = Path.of("cluster-data");
    private String aeronDirPrefix = defaultAeronDirPrefix();
    private long leaderHeartbeatTimeoutMs = 2_000;
    private long leaderHeartbeatIntervalMs = 100;
    private long electionTimeoutMs = 500;
    private long startupCanvassTimeoutMs = 4_000;
    private long sessionTimeoutMs = 10_000;
    private String logTermLength = "8m";
    private final EngineServiceContext service = new EngineServiceContext();

    /**
     * Read a member's configuration file.
     *
     * @param file     the properties file.
     * @param memberId this member's id.
     * @return the configuration.
     * @throws IOException              if the file cannot be read.
     * @throws IllegalArgumentException if a value is malformed or the member id is not among the members.
     * @throws io.arbiter.server.config.ConfigException if an {@code instrument.*} value is malformed (the node's
     *                                  own rules for the key).
     */
    public static ClusterNodeConfig load(final Path file, final int memberId) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        final Path base = file.toAbsolutePath().getParent();
        final ClusterNodeConfig config = new ClusterNodeConfig();
        config.members(ClusterMembers.parse(required(properties, "cluster.members")));
        config.memberId(memberId);
        final String dir = properties.getProperty("cluster.dataDir", "cluster-data");
        config.dataDir(base.resolve(dir));
        config.aeronDirPrefix(properties.getProperty("cluster.aeronDir", config.aeronDirPrefix));
        config.leaderHeartbeatTimeoutMs = longValue(properties, "cluster.leaderHeartbeatTimeoutMs",
            config.leaderHeartbeatTimeoutMs);
        config.leaderHeartbeatIntervalMs = longValue(properties, "cluster.leaderHeartbeatIntervalMs",
            config.leaderHeartbeatIntervalMs);
        config.electionTimeoutMs = longValue(properties, "cluster.electionTimeoutMs", config.electionTimeoutMs);
        config.startupCanvassTimeoutMs = longValue(properties, "cluster.startupCanvassTimeoutMs",
            config.startupCanvassTimeoutMs);
        config.sessionTimeoutMs = longValue(properties, "cluster.sessionTimeoutMs", config.sessionTimeoutMs);
        config.logTermLength = properties.getProperty("cluster.logTermLength", config.logTermLength);
        // instrument ids follow the symbols in sorted order, so every member derives the same ids from its file
        final TreeMap<String, String> instruments = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            if (key.startsWith("instrument."))
            {
                instruments.put(key.substring("instrument.".length()), properties.getProperty(key));
            }
        }
        for (final Map.Entry<String, String> instrument : instruments.entrySet())
        {
            // the node's own parsing: <tick>,<lot>[,<base>,<quote>[,<maker bps>,<taker bps>]]
            config.service.instrument(ServerConfigLoader.parseInstrument(
                "instrument." + instrument.getKey(), instrument.getValue().trim()));
        }
        return config;
    }

    private static String required(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        if (value == null || value.isBlank())
        {
            throw new IllegalArgumentException("missing required key " + key);
        }
        return value.trim();
    }

    private static long longValue(final Properties properties, final String key, final long defaultValue)
    {
        final String value = properties.getProperty(key);
        return value == null || value.isBlank() ? defaultValue : Long.parseLong(value.trim());
    }

    private static String defaultAeronDirPrefix()
    {
        final Path shm = Path.of("/dev/shm");
        return (Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("arbiter-cluster").toString();
    }

    /**
     * @param members of the cluster.
     * @return this.
     */
    public ClusterNodeConfig members(final ClusterMembers members)
    {
        this.members = members;
        return this;
    }

    /**
     * @return the members of the cluster.
     */
    public ClusterMembers members()
    {
        return members;
    }

    /**
     * @param memberId this member's id.
     * @return this.
     * @throws IllegalArgumentException if the id is not among the members.
     */
    public ClusterNodeConfig memberId(final int memberId)
    {
        if (members != null && (memberId < 0 || memberId >= members.size()))
        {
            throw new IllegalArgumentException("member id " + memberId + " is not among the " + members.size() +
                " members");
        }
        this.memberId = memberId;
        return this;
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return memberId;
    }

    /**
     * @param dataDir directory under which member N keeps {@code member-N/} (archive and cluster state).
     * @return this.
     */
    public ClusterNodeConfig dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /**
     * @return this member's own data directory.
     */
    public Path memberDir()
    {
        return dataDir.resolve("member-" + memberId);
    }

    /**
     * @param aeronDirPrefix Aeron directory prefix; member N uses {@code <prefix>-member-N}.
     * @return this.
     */
    public ClusterNodeConfig aeronDirPrefix(final String aeronDirPrefix)
    {
        this.aeronDirPrefix = aeronDirPrefix;
        return this;
    }

    /**
     * @return this member's Aeron directory.
     */
    public String aeronDir()
    {
        return aeronDirPrefix + "-member-" + memberId;
    }

    /**
     * @param heartbeatTimeoutMs  followers start an election after this long without the leader's heartbeat.
     * @param heartbeatIntervalMs the leader's heartbeat interval.
     * @param electionTimeoutMs   an election phase's timeout.
     * @param canvassTimeoutMs    how long a starting member waits to hear from all the others.
     * @param sessionTimeoutMs    a silent client session is closed after this long.
     * @return this.
     */
    public ClusterNodeConfig timeouts(
        final long heartbeatTimeoutMs,
        final long heartbeatIntervalMs,
        final long electionTimeoutMs,
        final long canvassTimeoutMs,
        final long sessionTimeoutMs)
    {
        this.leaderHeartbeatTimeoutMs = heartbeatTimeoutMs;
        this.leaderHeartbeatIntervalMs = heartbeatIntervalMs;
        this.electionTimeoutMs = electionTimeoutMs;
        this.startupCanvassTimeoutMs = canvassTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        return this;
    }

    /**
     * @return leader heartbeat timeout in ms.
     */
    public long leaderHeartbeatTimeoutMs()
    {
        return leaderHeartbeatTimeoutMs;
    }

    /**
     * @return leader heartbeat interval in ms.
     */
    public long leaderHeartbeatIntervalMs()
    {
        return leaderHeartbeatIntervalMs;
    }

    /**
     * @return election timeout in ms.
     */
    public long electionTimeoutMs()
    {
        return electionTimeoutMs;
    }

    /**
     * @return start-up canvass timeout in ms.
     */
    public long startupCanvassTimeoutMs()
    {
        return startupCanvassTimeoutMs;
    }

    /**
     * @return client session timeout in ms.
     */
    public long sessionTimeoutMs()
    {
        return sessionTimeoutMs;
    }

    /**
     * @return the term length of the log channel (Aeron's syntax, e.g. {@code 8m}).
     */
    public String logTermLength()
    {
        return logTermLength;
    }

    /**
     * @return the service's configuration (instruments, pools).
     */
    public EngineServiceContext service()
    {
        return service;
    }
}
