package io.arbiter.bench.engine;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

import java.util.Arrays;

/**
 * A recorded sequence of engine commands in flat primitive arrays, so that a benchmark can replay a generated flow
 * into an engine without paying for generating it. Recording allocates nothing once sized, except once, at the first
 * command with a stop price, display quantity or time (issue #17), the columns that hold those; single threaded.
 */
public final class CommandTape
{
    private final byte[] kinds;
    private final long[] orderIds;
    private final long[] accounts;
    private final int[] instrumentIds;
    private final long[] prices;
    private final long[] quantities;
    private long[] stopPrices;
    private long[] displayQuantities;
    private long[] times;
    private int size;

    /**
     * @param capacity commands the tape holds.
     */
    public CommandTape(final int capacity)
    {
        kinds = new byte[capacity * 4];
        orderIds = new long[capacity];
        accounts = new long[capacity];
        instrumentIds = new int[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
    }

    /**
     * Append a command.
     *
     * @param command to copy.
     */
    public void record(final Command command)
    {
        final int i = size++;
        final int k = i * 4;
        kinds[k] = (byte)command.type().ordinal();
        kinds[k + 1] = (byte)(command.side().ordinal() | command.orderType().ordinal() << 1);
        kinds[k + 2] = (byte)command.timeInForce().ordinal();
        kinds[k + 3] = (byte)command.selfTradePrevention().ordinal();
        orderIds[i] = command.orderId();
        accounts[i] = command.account();
        instrumentIds[i] = command.instrumentId();
        prices[i] = command.price();
        quantities[i] = command.quantity();
        final boolean extra = command.stopPrice() != Prices.NULL_PRICE || command.displayQuantity() != 0 ||
            command.time() != Command.NO_TIME;
        if (extra && stopPrices == null)
        {
            stopPrices = new long[orderIds.length];
            displayQuantities = new long[orderIds.length];
            times = new long[orderIds.length];
            Arrays.fill(stopPrices, Prices.NULL_PRICE);
            Arrays.fill(times, Command.NO_TIME);
        }
        if (stopPrices != null)
        {
            stopPrices[i] = command.stopPrice();
            displayQuantities[i] = command.displayQuantity();
            times[i] = command.time();
        }
    }

    /**
     * Fill a command with recorded entry {@code i}.
     *
     * @param i       index, below {@link #size()}.
     * @param command to fill.
     * @return the command.
     */
    public Command read(final int i, final Command command)
    {
        final int k = i * 4;
        final int sideAndType = kinds[k + 1];
        return command
            .type(CommandType.get(kinds[k]))
            .orderId(orderIds[i])
            .account(accounts[i])
            .instrumentId(instrumentIds[i])
            .side(Side.get(sideAndType & 1))
            .orderType(OrderType.get(sideAndType >> 1))
            .timeInForce(TimeInForce.get(kinds[k + 2]))
            .selfTradePrevention(SelfTradePrevention.get(kinds[k + 3]))
            .price(prices[i])
            .quantity(quantities[i])
            .stopPrice(stopPrices == null ? Prices.NULL_PRICE : stopPrices[i])
            .displayQuantity(displayQuantities == null ? 0 : displayQuantities[i])
            .time(times == null ? Command.NO_TIME : times[i]);
    }

    /**
     * Apply every command of the tape to an engine, as fast as possible, looking ahead a group at a time: before
     * applying the {@code d} commands from {@code g} it runs the engine's {@link MatchingEngine#prefetch} stages for
     * later groups, the neighbour stage for every command of the next group ({@code g + d} on), the order stage for
     * the group after it ({@code g + 2d}) and the index-slot stage for the one after that ({@code g + 3d}), each
     * stage in one tight loop. The loads of one stage are independent of each other, so their cache misses are in
     * flight together; a load made early in Java is a demand load, and one made before each command (the schedule
     * measured first) waits in turn once the processor's reorder window is full, which gained nothing
     * (docs/benchmarks.md, "eighteenth session"). The engine's events are the same as without look-ahead.
     *
     * @param engine    to drive.
     * @param command   reused command.
     * @param lookAhead the group size {@code d} in commands; 0 for no look-ahead.
     */
    public void replay(final MatchingEngine engine, final Command command, final int lookAhead)
    {
        replay(engine, command, 0, size, lookAhead);
    }

    /**
     * {@link #replay(MatchingEngine, Command, int)} of the commands from {@code from} up to {@code to}; the look-ahead
     * reaches past {@code to} to the end of the tape, so replaying a tape in parts looks ahead as replaying it whole
     * (groups start at {@code from}).
     *
     * @param engine    to drive.
     * @param command   reused command.
     * @param from      first command to apply.
     * @param to        end (exclusive) of the commands to apply, at most {@link #size()}.
     * @param lookAhead the group size in commands; 0 for no look-ahead.
     */
    public void replay(
        final MatchingEngine engine, final Command command, final int from, final int to, final int lookAhead)
    {
        if (lookAhead <= 0)
        {
            for (int i = from; i < to; i++)
            {
                engine.onCommand(read(i, command));
            }
            return;
        }
        for (int group = from; group < to; group += lookAhead)
        {
            stage(engine, group + lookAhead, lookAhead, MatchingEngine.PREFETCH_NEIGHBOURS);
            stage(engine, group + 2 * lookAhead, lookAhead, MatchingEngine.PREFETCH_ORDER);
            stage(engine, group + 3 * lookAhead, lookAhead, MatchingEngine.PREFETCH_SLOT);
            final int end = Math.min(group + lookAhead, to);
            for (int i = group; i < end; i++)
            {
                engine.onCommand(read(i, command));
            }
        }
    }

    private void stage(final MatchingEngine engine, final int first, final int count, final int stage)
    {
        final int end = (int)Math.min((long)first + count, size);
        for (int i = first; i < end; i++)
        {
            prefetch(engine, i, stage);
        }
    }

    private void prefetch(final MatchingEngine engine, final int i, final int stage)
    {
        final int k = i * 4;
        engine.prefetch(CommandType.get(kinds[k]), orderIds[i], instrumentIds[i], Side.get(kinds[k + 1] & 1), stage);
    }

    /**
     * @return commands recorded.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the number of commands the tape can hold.
     */
    public int capacity()
    {
        return orderIds.length;
    }

    /**
     * Forget every recorded command (the arrays are kept).
     */
    public void clear()
    {
        size = 0;
    }
}
