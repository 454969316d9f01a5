package io.arbiter.cluster.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one cluster: for each member id a host and a base port, from which its five UDP ports follow (base +
 * {@value #INGRESS_OFFSET} ingress, + {@value #CONSENSUS_OFFSET} consensus, + {@value #LOG_OFFSET} log, +
 * {@value #CATCHUP_OFFSET} catch-up, + {@value #ARCHIVE_OFFSET} archive control). Written as
 * {@code 0=host:port,1=host:port,2=host:port}. Immutable.
 */
public final class ClusterMembers
{
    /** Offset of the ingress port from a member's base port. */
    public static final int INGRESS_OFFSET = 0;
    /** Offset of the consensus port. */
    public static final int CONSENSUS_OFFSET = 1;
    /** Offset of the log port. */
    public static final int LOG_OFFSET = 2;
    /** Offset of the catch-up port. */
    public static final int CATCHUP_OFFSET = 3;
    /** Offset of the archive control port. */
    public static final int ARCHIVE_OFFSET = 4;
    /** Ports one member uses. */
    public static final int PORTS_PER_MEMBER = 5;

    private final List<String> hosts;
    private final List<Integer> basePorts;

    private ClusterMembers(final List<String> hosts, final List<Integer> basePorts)
    {
        this.hosts = List.copyOf(hosts);
        this.basePorts = List.copyOf(basePorts);
    }

    /**
     * Produces garbage.
     *
     * @param text {@code 0=host:port,1=host:port,...}, member ids from 0 in order.
     * @return the members.
     * @throws IllegalArgumentException if the text is malformed or the ids are not 0, 1, 2, ... in order.
     */
    public static ClusterMembers parse(final String text)
    {
        final List<String> hosts = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (final String entry : text.split(","))
        {
            final String trimmed = entry.trim();
            final int equals = trimmed.indexOf('=');
            final int colon = trimmed.lastIndexOf(':');
            if (equals <= 0 || colon <= equals + 1)
            {
                throw new IllegalArgumentException("cluster member '" + trimmed + "' is not id=host:port");
            }
            final int id = Integer.parseInt(trimmed.substring(0, equals).trim());
            if (id != hosts.size())
            {
                throw new IllegalArgumentException("cluster member ids must be 0, 1, 2, ... in order; found " + id);
            }
            hosts.add(trimmed.substring(equals + 1, colon));
            ports.add(Integer.parseInt(trimmed.substring(colon + 1)));
        }
        return new ClusterMembers(hosts, ports);
    }

    /**
     * @param hosts     one per member, in member id order.
     * @param basePorts one per member.
     * @return the members.
     */
    public static ClusterMembers of(final List<String> hosts, final List<Integer> basePorts)
    {
        if (hosts.size() != basePorts.size() || hosts.isEmpty())
        {
            throw new IllegalArgumentException("one base port per host, at least one member");
        }
        return new ClusterMembers(hosts, basePorts);
    }

    /**
     * @return number of members.
     */
    public int size()
    {
        return hosts.size();
    }

    /**
     * @param memberId of a member.
     * @return its host.
     */
    public String host(final int memberId)
    {
        return hosts.get(memberId);
    }

    /**
     * @param memberId of a member.
     * @param offset   one of the {@code *_OFFSET} constants.
     * @return {@code host:port}.
     */
    public String endpoint(final int memberId, final int offset)
    {
        return hosts.get(memberId) + ":" + (basePorts.get(memberId) + offset);
    }

    /**
     * @return Aeron Cluster's {@code clusterMembers} string.
     */
    public String consensusMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            sb.append(id)
                .append(',').append(endpoint(id, INGRESS_OFFSET))
                .append(',').append(endpoint(id, CONSENSUS_OFFSET))
                .append(',').append(endpoint(id, LOG_OFFSET))
                .append(',').append(endpoint(id, CATCHUP_OFFSET))
                .append(',').append(endpoint(id, ARCHIVE_OFFSET))
                .append('|');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /**
     * @return the client's {@code ingressEndpoints} string: {@code 0=host:port,1=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            if (id > 0)
            {
                sb.append(',');
            }
            sb.append(id).append('=').append(endpoint(id, INGRESS_OFFSET));
        }
        return sb.toString();
    }

    /**
     * @return the members in the {@link #parse} form.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        for (int id = 0; id < hosts.size(); id++)
        {
            if (id > 0)
            {
                sb.append(',');
            }
            sb.append(id).append('=').append(hosts.get(id)).append(':').append(basePorts.get(id));
        }
        return sb.toString();
    }
}
