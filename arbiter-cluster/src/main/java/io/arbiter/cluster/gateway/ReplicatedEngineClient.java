package io.arbiter.cluster.gateway;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.IngressDescriptor;
import io.arbiter.cluster.codec.OrderIds;
import io.arbiter.cluster.codec.ReportFlyweight;
import io.arbiter.cluster.node.ClusterNodeConfig;
import io.arbiter.cluster.node.LocalCluster;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.marketdata.MarketDataPublisher;
import io.arbiter.server.config.ClusterClientContext;
import io.arbiter.server.config.InstrumentConfig;
import io.arbiter.server.config.ServerContext;
import io.arbiter.server.matching.ReplicatedEngine;
import io.arbiter.server.sequencer.SessionQuery;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The node's {@link ReplicatedEngine} in cluster mode: one {@link ClusterGateway} per shard (gateway id
 * {@code baseGatewayId + shard}, so order ids never collide across shards), the node's instrument ids (the shards'
 * symbols in shard order, each shard's in sorted order) translated to each shard's own, a NEW routed to its symbol's
 * shard, a CANCEL or REPLACE to the shard named by its order id, a MASS_CANCEL of one instrument to its shard and of
 * every instrument to every shard. Tickets are {@code shard * TICKETS_PER_SHARD + (ingress sequence mod
 * TICKETS_PER_SHARD)}; a shard with that many commands not yet applied refuses more, so a ticket is given again only
 * once its command was applied. Reports reach the node's listener through an {@link EgressReportAdapter} with the
 * node's instrument ids. Single threaded (the node's matching thread) after {@link #connect}; allocates nothing in
 * steady state.
 */
public final class ReplicatedEngineClient implements ReplicatedEngine, ReportListener
{
    /** Commands of one shard not yet applied at most; the tickets of a shard. */
    public static final int TICKETS_PER_SHARD = 1 << 16;
    private static final int TICKET_MASK = TICKETS_PER_SHARD - 1;
    private static final int NO_CURRENT = Integer.MIN_VALUE;

    private final int baseGatewayId;
    private final ClusterGateway[] gateways;
    private final List<InstrumentConfig> instruments = new ArrayList<>();
    private final int[] shardOfInstrument;
    private final int[] shardInstrumentId;
    private final int[][] nodeInstrumentIds;
    private final List<Set<String>> shardAssets = new ArrayList<>();
    private final AutoCloseable driver;
    private final boolean[] marketDataLive;
    private EgressReportAdapter adapter;
    private MarketDataPublisher marketData;
    private TicketListener tickets;
    private AnswerListener answers;
    private QueryMerger merger;
    private int currentTicket = NO_CURRENT;

    /**
     * Produces garbage (control plane).
     *
     * @param baseGatewayId    the gateway id of shard 0; shard k uses {@code baseGatewayId + k}.
     * @param resyncTimeoutMs  each shard's gateway resynchronises after this long without progress.
     * @param shardContexts    how to reach each shard's cluster, in shard order (the gateways set their listener).
     * @param shardInstruments each shard's instruments in its id order (sorted by symbol, as its members define them).
     * @param driver           closed with this client (the media driver started for it), or null.
     */
    public ReplicatedEngineClient(
        final int baseGatewayId,
        final long resyncTimeoutMs,
        final List<AeronCluster.Context> shardContexts,
        final List<List<InstrumentConfig>> shardInstruments,
        final AutoCloseable driver)
    {
        if (shardContexts.isEmpty() || shardContexts.size() != shardInstruments.size())
        {
            throw new IllegalArgumentException("one context and one instrument list per shard, at least one shard");
        }
        this.baseGatewayId = baseGatewayId;
        this.driver = driver;
        final int shards = shardContexts.size();
        this.gateways = new ClusterGateway[shards];
        this.marketDataLive = new boolean[shards];
        this.nodeInstrumentIds = new int[shards][];
        final Set<String> symbols = new HashSet<>();
        final List<Integer> shardOf = new ArrayList<>();
        final List<Integer> localIds = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++)
        {
            gateways[shard] = new ClusterGateway(
                baseGatewayId + shard, shard, shardContexts.get(shard), this, resyncTimeoutMs);
            final List<InstrumentConfig> defined = shardInstruments.get(shard);
            nodeInstrumentIds[shard] = new int[defined.size()];
            final Set<String> assets = new HashSet<>();
            shardAssets.add(assets);
            for (int local = 0; local < defined.size(); local++)
            {
                final InstrumentConfig instrument = defined.get(local);
                if (!symbols.add(instrument.symbol()))
                {
                    throw new IllegalArgumentException(instrument.symbol() + " is traded by two shards");
                }
                nodeInstrumentIds[shard][local] = instruments.size();
                instruments.add(instrument);
                if (instrument.hasAssets())
                {
                    assets.add(instrument.baseAsset());
                    assets.add(instrument.quoteAsset());
                }
                shardOf.add(shard);
                localIds.add(local);
            }
        }
        this.shardOfInstrument = shardOf.stream().mapToInt(Integer::intValue).toArray();
        this.shardInstrumentId = localIds.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Produces garbage (control plane): a client from a node's {@code cluster.*} settings. Each file of
     * {@code cluster.config} is one shard's cluster configuration as {@code arbiter cluster-node} reads it (its
     * members and instruments); unless {@code cluster.aeronDir} names a running media driver, one is started in this
     * process.
     *
     * @param settings the node's cluster settings.
     * @return the client, not yet connected.
     * @throws IOException if a configuration file cannot be read.
     */
    public static ReplicatedEngineClient open(final ClusterClientContext settings) throws IOException
    {
        final List<AeronCluster.Context> contexts = new ArrayList<>();
        final List<List<InstrumentConfig>> instruments = new ArrayList<>();
        final List<ClusterNodeConfig> configs = new ArrayList<>();
        for (final String file : settings.configFiles().split(","))
        {
            configs.add(ClusterNodeConfig.load(Path.of(file.trim()), 0));
        }
        final MediaDriver driver = settings.aeronDir().isEmpty() ? MediaDriver.launchEmbedded(
            new MediaDriver.Context().threadingMode(ThreadingMode.SHARED).dirDeleteOnShutdown(true)) : null;
        final String aeronDir = driver != null ? driver.aeronDirectoryName() : settings.aeronDir();
        for (final ClusterNodeConfig config : configs)
        {
            contexts.add(new AeronCluster.Context()
                .aeronDirectoryName(aeronDir)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(config.members().ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=" + settings.egressEndpoint())
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5)));
            instruments.add(config.service().instruments());
        }
        return new ReplicatedEngineClient(
            settings.gatewayId(), settings.resyncTimeoutMs(), contexts, instruments, driver);
    }

    /**
     * Produces garbage (control plane): a client of a cluster of members in this JVM, through its client driver.
     *
     * @param cluster         the members.
     * @param gatewayId       the gateway's id.
     * @param resyncTimeoutMs the gateway resynchronises after this long without progress.
     * @return the client, not yet connected.
     */
    public static ReplicatedEngineClient local(final LocalCluster cluster, final int gatewayId,
        final long resyncTimeoutMs)
    {
        return new ReplicatedEngineClient(gatewayId, resyncTimeoutMs, List.of(cluster.clientContext()),
            List.of(cluster.config(0).service().instruments()), null);
    }

    /**
     * Put a node's configuration in cluster mode with the cluster's instruments, in this client's id order, in place
     * of its own (control plane).
     *
     * @param context the node's configuration, changed in place.
     * @return the context.
     */
    public ServerContext applyTo(final ServerContext context)
    {
        context.cluster().enabled(true);
        context.clearInstruments();
        for (final InstrumentConfig instrument : instruments)
        {
            context.addInstrument(instrument);
        }
        return context;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public List<InstrumentConfig> instruments()
    {
        return List.copyOf(instruments);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int ticketCapacity()
    {
        return gateways.length * TICKETS_PER_SHARD;
    }

    /**
     * @param shard a shard index.
     * @return its gateway (for tests and statistics; the polling thread only).
     */
    public ClusterGateway shard(final int shard)
    {
        return gateways[shard];
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void marketData(final MarketDataPublisher publisher)
    {
        this.marketData = publisher;
        for (final ClusterGateway gateway : gateways)
        {
            gateway.requestMarketData();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void connect(final ExecutionListener reports, final TicketListener tickets, final long timeoutMs)
    {
        listeners(reports, tickets);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!allReady())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("the cluster did not answer within " + timeoutMs + " ms");
            }
            if (doWork(System.nanoTime()) == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Attach the listeners without connecting (the first half of {@link #connect}).
     */
    void listeners(final ExecutionListener reports, final TicketListener tickets)
    {
        // with several shards a query's answers are merged into one before they reach the node
        this.merger = gateways.length > 1 && answers != null ?
            new QueryMerger(answers, instruments, ticketCapacity()) : null;
        this.adapter = new EgressReportAdapter(reports, null, nodeInstrumentIds)
            .answers(merger != null ? merger : answers);
        this.tickets = tickets;
    }

    private boolean allReady()
    {
        for (final ClusterGateway gateway : gateways)
        {
            if (!gateway.ready())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean submit(final Command command)
    {
        final CommandType type = command.type();
        final int instrumentId = command.instrumentId();
        if (type == CommandType.NEW)
        {
            return instrumentId >= 0 && instrumentId < shardOfInstrument.length &&
                send(shardOfInstrument[instrumentId], command);
        }
        if (type == CommandType.CANCEL || type == CommandType.REPLACE)
        {
            final int shard = OrderIds.gatewayId(command.orderId()) - baseGatewayId;
            return shard >= 0 && shard < gateways.length && send(shard, command);
        }
        if (type == CommandType.MASS_CANCEL)
        {
            if (instrumentId != Command.ALL_INSTRUMENTS)
            {
                return instrumentId >= 0 && instrumentId < shardOfInstrument.length &&
                    send(shardOfInstrument[instrumentId], command);
            }
            return sendToEveryShard(command) > 0;
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int submitOperator(final Command command, final String asset, final int pairInstrumentId)
    {
        final CommandType type = command.type();
        if (type == CommandType.DISABLE || type == CommandType.ENABLE)
        {
            return sendToEveryShard(command);
        }
        final int shard;
        if (type == CommandType.DEPOSIT || type == CommandType.WITHDRAW)
        {
            shard = assetShard(asset, pairInstrumentId);
            // the shard resolves the name to its own asset id
            command.orderId(EgressDescriptor.packAssetName(asset)).instrumentId(-1);
        }
        else
        {
            final int instrumentId = command.instrumentId();
            if (instrumentId < 0 || instrumentId >= shardOfInstrument.length)
            {
                throw new IllegalArgumentException("no instrument has id " + instrumentId);
            }
            shard = shardOfInstrument[instrumentId];
        }
        return send(shard, command) ? 1 : 0;
    }

    /**
     * The shard that holds an asset's balances: the named pair's, or the only shard whose instruments have the asset
     * (rule "one shard per asset pair", docs/cluster.md).
     */
    private int assetShard(final String asset, final int pairInstrumentId)
    {
        if (pairInstrumentId >= 0 && pairInstrumentId < shardOfInstrument.length)
        {
            return shardOfInstrument[pairInstrumentId];
        }
        int found = -1;
        final List<String> pairs = new ArrayList<>();
        for (int shard = 0; shard < gateways.length; shard++)
        {
            if (shardAssets.get(shard).contains(asset))
            {
                found = found < 0 ? shard : Integer.MAX_VALUE;
            }
        }
        if (found == Integer.MAX_VALUE)
        {
            for (final InstrumentConfig instrument : instruments)
            {
                if (asset.equals(instrument.baseAsset()) || asset.equals(instrument.quoteAsset()))
                {
                    pairs.add(instrument.symbol());
                }
            }
            throw new IllegalArgumentException("asset " + asset + " is held on several shards (pairs " + pairs +
                "): name the pair whose shard holds the balance (parameter symbol)");
        }
        if (found < 0)
        {
            throw new IllegalArgumentException("no shard trades asset " + asset);
        }
        return found;
    }

    private int sendToEveryShard(final Command command)
    {
        for (final ClusterGateway gateway : gateways)
        {
            if (gateway.unappliedCount() >= TICKETS_PER_SHARD)
            {
                return 0;
            }
        }
        for (int shard = 0; shard < gateways.length; shard++)
        {
            send(shard, command);
        }
        return gateways.length;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void answers(final AnswerListener listener)
    {
        this.answers = listener;
    }

    /**
     * Served with any number of shards: with several, each shard answers from its own state at the query's place in
     * its log, and the answers are merged into one ({@link QueryMerger}).
     *
     * @return true.
     */
    @Override
    public boolean servesQueries()
    {
        return true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean submitQuery(
        final SessionQuery.Type type, final long account, final int instrumentId, final long afterOrderId)
    {
        if (type == SessionQuery.Type.INSTRUMENT_LIST)
        {
            return false;
        }
        final boolean oneInstrument = instrumentId >= 0 && instrumentId < shardInstrumentId.length;
        final int kind = type == SessionQuery.Type.BALANCES ?
            IngressDescriptor.QUERY_BALANCES : IngressDescriptor.QUERY_OPEN_ORDERS;
        if (oneInstrument && kind == IngressDescriptor.QUERY_OPEN_ORDERS || gateways.length == 1)
        {
            // one shard holds every answer
            final int shard = oneInstrument ? shardOfInstrument[instrumentId] : 0;
            final ClusterGateway gateway = gateways[shard];
            if (gateway.unappliedCount() >= TICKETS_PER_SHARD)
            {
                return false;
            }
            final long sequence = gateway.submitQuery(kind, account,
                oneInstrument ? shardInstrumentId[instrumentId] : Command.ALL_INSTRUMENTS, afterOrderId);
            tickets.onSubmitted(shard * TICKETS_PER_SHARD + (int)(sequence & TICKET_MASK));
            return true;
        }
        for (final ClusterGateway gateway : gateways)
        {
            if (gateway.unappliedCount() >= TICKETS_PER_SHARD)
            {
                return false;
            }
        }
        final int[] shardTickets = new int[gateways.length];
        for (int shard = 0; shard < gateways.length; shard++)
        {
            final long sequence = gateways[shard].submitQuery(kind, account, Command.ALL_INSTRUMENTS, afterOrderId);
            shardTickets[shard] = shard * TICKETS_PER_SHARD + (int)(sequence & TICKET_MASK);
            tickets.onSubmitted(shardTickets[shard]);
        }
        merger.expect(shardTickets);
        return true;
    }

    private boolean send(final int shard, final Command command)
    {
        final ClusterGateway gateway = gateways[shard];
        if (gateway.unappliedCount() >= TICKETS_PER_SHARD)
        {
            return false;
        }
        final int instrumentId = command.instrumentId();
        if (instrumentId >= 0 && instrumentId < shardOfInstrument.length && shardOfInstrument[instrumentId] == shard)
        {
            command.instrumentId(shardInstrumentId[instrumentId]);
        }
        gateway.submit(command);
        command.instrumentId(instrumentId);
        tickets.onSubmitted(shard * TICKETS_PER_SHARD + (int)(gateway.lastSequence() & TICKET_MASK));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork(final long nowNs)
    {
        currentTicket = NO_CURRENT;
        int work = 0;
        for (final ClusterGateway gateway : gateways)
        {
            work += gateway.doWork(nowNs);
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReport(final int shard, final ReportFlyweight report)
    {
        if (EgressDescriptor.isMarketData(report.kind()))
        {
            onMarketData(shard, report);
            return;
        }
        final long sequence = report.ingressSequence();
        final int ticket = sequence == 0 ? NO_TICKET : shard * TICKETS_PER_SHARD + (int)(sequence & TICKET_MASK);
        if (ticket != currentTicket)
        {
            currentTicket = ticket;
            tickets.onReportsOf(ticket);
            if (merger != null)
            {
                merger.current(ticket);
            }
        }
        adapter.onReport(shard, report);
    }

    /**
     * Market data to the feed under the node's instrument ids: the book a shard sent for this node's request first
     * (until its BOOK_END the shard's live changes are those of an earlier run, already in that book, and dropped),
     * then every trade and level change; a second book (a request asked again) is dropped.
     */
    private void onMarketData(final int shard, final ReportFlyweight report)
    {
        if (marketData == null)
        {
            return;
        }
        final byte kind = report.kind();
        final boolean live = marketDataLive[shard];
        if (kind == EgressDescriptor.KIND_BOOK_END)
        {
            if (!live)
            {
                marketData.onLevelsEnd();
                marketDataLive[shard] = true;
            }
            return;
        }
        if (live == (kind == EgressDescriptor.KIND_BOOK_LEVEL))
        {
            return;
        }
        // the log's time in the order id field; the cluster's egress is committed, so the sequence gates nothing
        marketData.beginCommand(0, report.orderId());
        final int local = report.instrumentId();
        final int instrumentId = local >= 0 && local < nodeInstrumentIds[shard].length ?
            nodeInstrumentIds[shard][local] : -1;
        switch (kind)
        {
            case EgressDescriptor.KIND_PUBLIC_TRADE -> marketData.onTrade(
                report.tradeId(), instrumentId, report.price(), report.quantity(), report.side());
            case EgressDescriptor.KIND_LEVEL, EgressDescriptor.KIND_BOOK_LEVEL -> marketData.onLevel(
                instrumentId, report.side(), report.price(), report.quantity(), (int)report.leaves());
            case EgressDescriptor.KIND_LEVELS_END -> marketData.onLevelsEnd();
            default ->
            {
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public long unappliedCount()
    {
        long unapplied = 0;
        for (final ClusterGateway gateway : gateways)
        {
            unapplied += gateway.unappliedCount();
        }
        return unapplied;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(gateways);
        CloseHelper.quietClose(driver);
    }
}
