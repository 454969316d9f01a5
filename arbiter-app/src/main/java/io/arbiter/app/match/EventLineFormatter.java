package io.arbiter.app.match;

import java.util.ArrayList;

import io.arbiter.engine.CancelReason;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.ExecutionListener;
import io.arbiter.engine.LevelListener;
import io.arbiter.engine.Prices;
import io.arbiter.engine.RejectReason;
import io.arbiter.engine.Side;

/**
 * Formats engine events as the event lines of {@code arbiter match} ({@code ACCEPTED}, {@code TRADE},
 * {@code CANCELED}, {@code REPLACED}, {@code REJECTED}, {@code TRIGGERED}, {@code MASS_CANCELED}, {@code HALTED},
 * {@code RESUMED}, {@code DELISTED}, {@code BAND_SET}) and, when the engine is given it as its {@link LevelListener},
 * the {@code LEVEL} lines of {@code --book-updates}, appending them to a reused {@link StringBuilder} that the
 * caller drains. Lines end with {@code \n}. Runs on the matching thread; allocates nothing per event.
 */
final class EventLineFormatter implements ExecutionListener, LevelListener
{
    private final StringBuilder text;
    private final ArrayList<String> symbols = new ArrayList<>();
    private CommandFileParser names;

    /**
     * @param text to append event lines to; the caller drains it.
     */
    EventLineFormatter(final StringBuilder text)
    {
        this.text = text;
    }

    /**
     * @param names gives the account names and the symbol text of MASS_CANCEL lines.
     */
    void names(final CommandFileParser names)
    {
        this.names = names;
    }

    /**
     * Record the symbol of an instrument so that trades can name it.
     *
     * @param instrumentId dense id given by the engine.
     * @param symbol       of the instrument.
     */
    void defineSymbol(final int instrumentId, final String symbol)
    {
        while (symbols.size() <= instrumentId)
        {
            symbols.add(null);
        }
        symbols.set(instrumentId, symbol);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onAccepted(final long orderId, final long account)
    {
        text.append("ACCEPTED,").append(orderId).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
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
        text.append("TRADE,").append(symbols.get(instrumentId)).append(',');
        Prices.appendTo(price, text).append(',').append(quantity).append(',')
            .append(makerOrderId).append(',').append(takerOrderId).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onCanceled(final long orderId, final long account, final long remainingQty, final CancelReason reason)
    {
        text.append("CANCELED,").append(orderId).append(',').append(remainingQty).append(',').append(reason.name())
            .append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReplaced(final long orderId, final long account, final long newPrice, final long newQty)
    {
        text.append("REPLACED,").append(orderId).append(',');
        Prices.appendTo(newPrice, text).append(',').append(newQty).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onRejected(final CommandType type, final long orderId, final long account, final RejectReason reason)
    {
        text.append("REJECTED,").append(orderId).append(',').append(reason.name()).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onTriggered(final long orderId, final long account)
    {
        text.append("TRIGGERED,").append(orderId).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onMassCanceled(final long account, final int instrumentId, final int count)
    {
        text.append("MASS_CANCELED,").append(names.accountName(account)).append(',')
            .append(names.lastSymbolText()).append(',').append(count).append('\n');
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onInstrumentState(final CommandType type, final int instrumentId, final long value)
    {
        final String symbol = symbols.get(instrumentId);
        switch (type)
        {
            case HALT:
                text.append("HALTED,").append(symbol).append('\n');
                break;
            case RESUME:
                text.append("RESUMED,").append(symbol).append('\n');
                break;
            case DELIST:
                text.append("DELISTED,").append(symbol).append('\n');
                break;
            default:
                text.append("BAND_SET,").append(symbol).append(',');
                Prices.appendTo(value * (Prices.UNIT / 100), text).append('\n');
                break;
        }
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onLevel(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        text.append("LEVEL,").append(symbols.get(instrumentId)).append(',').append(side.name()).append(',');
        Prices.appendTo(price, text).append(',').append(totalQuantity).append(',').append(orderCount).append('\n');
    }
}
