package io.arbiter.bench.engine;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.SnapshotListener;
import io.arbiter.engine.TimeInForce;

import java.util.Arrays;

/**
 * Listens to a copy of a book replaying a tape and writes down, per command, which orders a book must touch and how
 * (the touches of a {@link MemoryFloor}); as a snapshot listener it first lists the resting orders in walk order.
 * Checks after every command that the touches it wrote account for the change of the engine's open orders. Single
 * threaded; produces garbage (its arrays grow).
 */
public final class FloorRecorder implements ExecutionListener, SnapshotListener
{
    private final MatchingEngine copy;
    private final int orderPoolSize;
    private long[] restingIds = new long[1024];
    private int restingCount;
    private long[] ids = new long[1024];
    private byte[] kinds = new byte[1024];
    private boolean[] removes = new boolean[1024];
    private int touches;
    private int commands;

    private CommandType type;
    private long commandOrderId;
    private boolean accepted;
    private boolean takerRests;
    private int replaceTouch = -1;
    private boolean replacedLeft;
    private int delta;

    /**
     * A recorder of the tapes that will start from {@code source}'s present state: lists its resting orders and
     * copies it through its snapshot into an engine of its own. Produces garbage.
     *
     * @param source  the engine in the state the tape starts from.
     * @param context the engine configuration of the measured copy (order pool size).
     */
    public FloorRecorder(final MatchingEngine source, final EngineContext context)
    {
        source.snapshot(this);
        copy = EngineBenchmark.copyOf(source, context, this);
        orderPoolSize = Math.max(1, context.orderPoolSize());
    }

    /**
     * Apply the tape to the copy, writing its touches down, then lay out the floor's tables at the sizes the engine
     * has: the id table with three slots per pooled order in whole lines of 16, as the engine's order-id index; one
     * record per pooled order. Call once. Produces garbage.
     *
     * @param tape the commands, which must start from the state the recorder was built on.
     * @return the floor, not yet run.
     * @throws IllegalStateException if the recorded touches do not account for the engine's open orders.
     */
    public MemoryFloor floorOf(final CommandTape tape)
    {
        final Command command = new Command();
        for (int i = 0; i < tape.size(); i++)
        {
            tape.read(i, command);
            final int before = copy.openOrderCount();
            begin(command);
            copy.onCommand(command);
            final int expected = end();
            if (copy.openOrderCount() - before != expected)
            {
                throw new IllegalStateException("floor touches of command " + i + " (" + command.type() +
                    ") account for " + expected + " open orders, the engine changed by " +
                    (copy.openOrderCount() - before));
            }
        }
        final long slots = (3L * orderPoolSize + 15) & ~15L;
        return new MemoryFloor((int)slots, orderPoolSize, this);
    }

    void begin(final Command command)
    {
        type = command.type();
        commandOrderId = command.orderId();
        accepted = false;
        takerRests = false;
        replaceTouch = -1;
        replacedLeft = false;
        delta = 0;
    }

    int end()
    {
        if (type == CommandType.NEW && accepted && takerRests)
        {
            touch(commandOrderId, MemoryFloor.INSERT, false);
            delta++;
        }
        if (replaceTouch >= 0 && replacedLeft)
        {
            removes[replaceTouch] = true;
            delta--;
        }
        commands++;
        return delta;
    }

    private void touch(final long id, final byte kind, final boolean remove)
    {
        if (touches == ids.length)
        {
            ids = Arrays.copyOf(ids, touches * 2);
            kinds = Arrays.copyOf(kinds, touches * 2);
            removes = Arrays.copyOf(removes, touches * 2);
        }
        ids[touches] = id;
        kinds[touches] = kind;
        removes[touches] = remove;
        touches++;
        if (remove)
        {
            delta--;
        }
    }

    private boolean isCommandOrder(final long orderId)
    {
        return orderId == commandOrderId && (type == CommandType.NEW || type == CommandType.REPLACE);
    }

    /**
     * {@inheritDoc}
     */
    public void onAccepted(final long orderId, final long account)
    {
        accepted = true;
        takerRests = true;
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccount,
        final long makerLeaves,
        final long takerOrderId,
        final long takerAccount,
        final long takerLeaves)
    {
        if (makerLeaves == 0)
        {
            touch(makerOrderId, MemoryFloor.LOOKUP, true);
        }
        else
        {
            touch(makerOrderId, MemoryFloor.RECORD, false);
        }
        if (takerLeaves == 0)
        {
            takerRests = false;
            replacedLeft = replaceTouch >= 0;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        if (isCommandOrder(orderId) && type == CommandType.NEW)
        {
            takerRests = false;
        }
        else if (isCommandOrder(orderId) && replaceTouch >= 0)
        {
            replacedLeft = true;
        }
        else
        {
            touch(orderId, MemoryFloor.LOOKUP, true);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        replaceTouch = touches;
        touch(orderId, MemoryFloor.LOOKUP, false);
    }

    /**
     * {@inheritDoc}
     */
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        if (type == CommandType.CANCEL || type == CommandType.REPLACE)
        {
            touch(orderId, MemoryFloor.PROBE, false);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrument(final Instrument instrument)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrumentState(
        final int instrumentId,
        final boolean halted,
        final boolean delisted,
        final long bandHundredths,
        final long lastTradePrice)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onOrder(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final long priceUnits,
        final long remaining,
        final long hidden,
        final long display,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        if (restingCount == restingIds.length)
        {
            restingIds = Arrays.copyOf(restingIds, restingCount * 2);
        }
        restingIds[restingCount++] = orderId;
    }

    /**
     * {@inheritDoc}
     */
    public void onStop(
        final int instrumentId,
        final Side side,
        final long orderId,
        final long account,
        final OrderType orderType,
        final long priceUnits,
        final long stopUnits,
        final long quantity,
        final TimeInForce timeInForce,
        final SelfTradePrevention selfTradePrevention,
        final long expiry,
        final long acceptance)
    {
        throw new IllegalStateException("the memory floor models books without stop orders");
    }

    /**
     * {@inheritDoc}
     */
    public void onCounters(final long tradeCount, final long clock, final long acceptances)
    {
    }

    long[] restingIds()
    {
        return restingIds;
    }

    int restingCount()
    {
        return restingCount;
    }

    long[] ids()
    {
        return ids;
    }

    byte[] kinds()
    {
        return kinds;
    }

    boolean[] removes()
    {
        return removes;
    }

    int touches()
    {
        return touches;
    }

    int commands()
    {
        return commands;
    }
}
