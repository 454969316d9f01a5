package io.arbiter.server.gateway;

import io.arbiter.engine.CommandType;
import io.arbiter.protocol.DecodedClientMessage;
import io.arbiter.server.egress.RejectCode;
import io.arbiter.server.overload.DualModeBucket;
import io.arbiter.server.overload.NodeOverload;
import io.arbiter.server.overload.OverloadGate;
import io.arbiter.server.overload.AdmissionDecision;
import io.arbiter.server.sequencer.IngressCommand;

/**
 * Admission and pacing of one session's order requests (see docs/overload.md): field validation, the shutting-down
 * check, the session's and account's rate limiters and the leaky-bucket hold. A request that passes is staged and
 * published to the ring; an order the limiter admits for later is held in the session's one pending slot until its
 * release time (the {@link SessionInputAdapter} decodes nothing more meanwhile); a THROTTLED order pauses the session's
 * socket reads for its retry-after, at most {@link #MAX_READ_PAUSE_NS}. Rejects go out through the session's
 * {@link LocalReplyPublisher}. Event loop thread only.
 */
final class OrderAdmission
{
    /** Longest socket-read pause after a THROTTLED order (it also delays that session's cancels). */
    static final long MAX_READ_PAUSE_NS = 5_000_000L;

    private final GatewayState state;
    private final LocalReplyPublisher replies;
    private final IngressCommand staged = new IngressCommand();
    private OverloadGate gate;
    private DualModeBucket sessionBucket;
    private DualModeBucket accountBucket;
    private boolean throttled;
    private boolean holding;
    private long holdReleaseNs;
    private CommandType heldType;
    private long readsPausedUntilNs;
    private long holds;
    private DurableReplyPoll poll;

    /**
     * Produces garbage (one per connection).
     *
     * @param state   shared by the gateway.
     * @param replies the session's local replies.
     */
    OrderAdmission(final GatewayState state, final LocalReplyPublisher replies)
    {
        this.state = state;
        this.replies = replies;
    }

    /**
     * The connection is open: take the event loop's overload gate (control plane).
     */
    void onConnected()
    {
        readsPausedUntilNs = state.clock.nanoTime();
        final NodeOverload overload = state.overload;
        if (overload != null)
        {
            gate = overload.gateForCurrentThread();
        }
    }

    /**
     * The session logged on: take its rate limiters (control plane).
     *
     * @param account the session's account id.
     */
    void onLoggedOn(final long account)
    {
        final NodeOverload overload = state.overload;
        if (overload != null)
        {
            sessionBucket = overload.newSessionBucket();
            accountBucket = overload.accountBucket(account);
        }
    }

    /**
     * The connection closed: a held order is released (it was admitted), the session no longer counts as throttled.
     */
    void onDisconnected()
    {
        if (holding)
        {
            releaseHeld(state.clock.nanoTime());
        }
        if (gate != null)
        {
            markThrottled(false);
        }
    }

    /**
     * Decide one order request: reject it, publish it or hold it for its release time.
     *
     * @param message     the decoded request.
     * @param type        NEW, CANCEL, REPLACE or MASS_CANCEL (cancels and mass cancels bypass the rate limits).
     * @param sessionId   of the session.
     * @param account     of the session.
     * @param receivedNs  when its frame was decoded.
     * @param readNs      when its bytes were read from the socket (the limiter charges at this time).
     */
    void onOrderRequest(
        final DecodedClientMessage message,
        final CommandType type,
        final long sessionId,
        final long account,
        final long receivedNs,
        final long readNs)
    {
        final int invalid = message.validate();
        if (invalid != DecodedClientMessage.APPLIED)
        {
            replies.rejectInvalid(message, type, invalid, DecodedClientMessage.rejectText(invalid));
            return;
        }
        message.applyTo(staged.command(), 0, account);
        staged.sessionId(sessionId)
            .clientOrderId(message.clientOrderId())
            .clientTimestampNs(message.clientTimestampNs())
            .receivedNs(receivedNs)
            .traceId(message.traceIdHigh(), message.traceIdLow());
        if (!state.acceptingCommands)
        {
            replies.rejectLocally(message, type, RejectCode.SHUTTING_DOWN, RejectCode.SHUTTING_DOWN.text());
        }
        else if (type == CommandType.CANCEL || type == CommandType.MASS_CANCEL || gate == null)
        {
            publish(message, type);
        }
        else if (admit(message, type, readNs))
        {
            final long releaseNs = readNs + gate.releaseDelayNs();
            if (releaseNs - receivedNs > 0)
            {
                holding = true;
                holdReleaseNs = releaseNs;
                heldType = type;
                holds++;
                staged.receivedNs(releaseNs);
            }
            else
            {
                publish(message, type);
            }
        }
    }

    /**
     * Publish the held order if its release time has come.
     *
     * @param nowNs the time now.
     */
    void releaseIfDue(final long nowNs)
    {
        if (holding && nowNs - holdReleaseNs >= 0)
        {
            releaseHeld(nowNs);
        }
    }

    /**
     * @return true while an admitted order waits in the pending slot for its release time.
     */
    boolean holding()
    {
        return holding;
    }

    /**
     * @return release time of the held order (valid while {@link #holding()}).
     */
    long holdReleaseNs()
    {
        return holdReleaseNs;
    }

    /**
     * @return until when the session's socket reads are paused after a THROTTLED order.
     */
    long readsPausedUntilNs()
    {
        return readsPausedUntilNs;
    }

    /**
     * @return orders this session has held for their release time so far.
     */
    long holds()
    {
        return holds;
    }

    /**
     * Tell {@code poll} of each command published, so the session's event loop polls for its reports
     * (event loop, at the session's start).
     *
     * @param poll the poll strategy of the session's event loop; null for none.
     */
    void pollOnPublish(final DurableReplyPoll poll)
    {
        this.poll = poll;
    }

    private void publish(final DecodedClientMessage message, final CommandType type)
    {
        if (!state.sequencer.tryPublish(staged.decodedNs(state.clock.nanoTime())))
        {
            replies.rejectLocally(message, type, RejectCode.BUSY, RejectCode.BUSY.text());
        }
        else
        {
            published();
        }
    }

    private void published()
    {
        if (null != poll)
        {
            poll.onPublished();
        }
    }

    /**
     * Publish the held order (its release time has come, or the connection closed: it was admitted, so it is
     * published, or answered if the node no longer takes commands or the ring is full).
     */
    private void releaseHeld(final long nowNs)
    {
        holding = false;
        if (!state.acceptingCommands)
        {
            rejectHeld(RejectCode.SHUTTING_DOWN);
        }
        else if (!state.sequencer.tryPublish(staged.decodedNs(nowNs)))
        {
            rejectHeld(RejectCode.BUSY);
        }
        else
        {
            published();
        }
    }

    private void rejectHeld(final RejectCode code)
    {
        replies.rejectHeld(staged.clientOrderId(), staged.clientTimestampNs(), heldType, code);
    }

    /**
     * Charge a new order or replace to the session's (and/or account's) budget at {@code nowNs}, the time its bytes
     * were read. THROTTLED also pauses the session's socket reads for the retry-after (at most
     * {@link #MAX_READ_PAUSE_NS}).
     *
     * @return true if admitted (release after {@link OverloadGate#releaseDelayNs()}); otherwise the reject has been
     * written.
     */
    private boolean admit(final DecodedClientMessage message, final CommandType type, final long nowNs)
    {
        final int status = gate.tryAcquireNewOrder(sessionBucket, accountBucket, nowNs);
        if (AdmissionDecision.ADMITTED == status)
        {
            markThrottled(false);
            return true;
        }
        final RejectCode code =
            AdmissionDecision.THROTTLED == status ? RejectCode.THROTTLED : RejectCode.MARKET_PROTECTION;
        if (AdmissionDecision.THROTTLED == status)
        {
            markThrottled(true);
            final long pausedUntilNs = nowNs + Math.min(gate.retryAfterNs(), MAX_READ_PAUSE_NS);
            if (pausedUntilNs - readsPausedUntilNs > 0)
            {
                readsPausedUntilNs = pausedUntilNs;
            }
        }
        replies.rejectLocally(message, type, code, code.textWithRetryAfter(gate.retryAfterMs()));
        return false;
    }

    private void markThrottled(final boolean nowThrottled)
    {
        if (throttled != nowThrottled)
        {
            throttled = nowThrottled;
            state.overload.onSessionThrottled(nowThrottled);
        }
    }
}
