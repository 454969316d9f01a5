package io.arbiter.cluster.bench;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The floor benchmark's service: it does nothing but send each ingress message back to its session's egress,
 * unchanged, once the message is committed (only the leader's send leaves; a follower's is a no-op). No state, so
 * its snapshots are empty. What a three-member cluster costs with no engine behind it: the ceiling of any service
 * on the same machine and Aeron settings. Service thread only; allocates nothing per message.
 */
public final class EchoClusteredService implements ClusteredService
{
    private IdleStrategy idle;

    /**
     * {@inheritDoc}
     */
    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        idle = cluster.idleStrategy();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * Echo the message; while the session is back-pressured, wait for it (the engine's service retains and resends
     * instead, which a stateless echo cannot), and drop it only if the session is gone.
     */
    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        idle.reset();
        long result;
        while ((result = session.offer(buffer, offset, length)) < 0)
        {
            if (result != Publication.BACK_PRESSURED && result != Publication.ADMIN_ACTION)
            {
                return;
            }
            idle.idle();
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTerminate(final Cluster cluster)
    {
    }
}
