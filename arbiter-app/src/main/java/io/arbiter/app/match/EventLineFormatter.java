package io.arbiter.app.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

import io.arbiter.engine.BalanceListener;
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
 * {@code RESUMED}, {@code DELISTED}, {@code BAND_SET}, {@code WITHDRAW_REJECTED}) and, when the engine is given it as
 * its {@link LevelListener}, the {@code LEVEL} lines of {@code --book-updates}, and as its {@link BalanceListener} the
 * {@code BALANCE} lines of {@code --balances} (sorted by account name, then asset name), appending them to a reused
 * {@link StringBuilder} that the caller drains. Lines end with {@code \n}. Runs on the matching thread; allocates
 * nothing per event (the balance buffer grows, producing garbage, only past its largest size so far).
 */
final class EventLineFormatter implements ExecutionListener, LevelListener, BalanceListener
{
    private final StringBuilder text;
    private final ArrayList<String> symbols = new ArrayList<>();
    private LongFunction<String> accountNames = account -> Long.toString(account);
    private IntFunction<String> assetNames = asset -> Integer.toString(asset);
    private long[] balanceAccounts = new long[16];
    private int[] balanceAssets = new int[16];
    private long[] balanceAmounts = new long[32];
    private int balanceCount;
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
     * Name accounts and assets in {@code BALANCE} lines.
     *
     * @param accountNames gives the name of an account id.
     * @param assetNames   gives the name of an asset id.
     */
    void balanceNames(final LongFunction<String> accountNames, final IntFunction<String> assetNames)
    {
        this.accountNames = accountNames;
        this.assetNames = assetNames;
    }

    /**
     * Append a line of a word and an account name ({@code DISABLED}, {@code ENABLED}).
     *
     * @param word    first field.
     * @param account the account.
     */
    void accountLine(final String word, final long account)
    {
        text.append(word).append(',').append(accountNames.apply(account)).append('\n');
    }

    /**
     * Append a {@code WITHDRAW_REJECTED} line.
     *
     * @param account whose withdrawal was refused.
     * @param asset   of the withdrawal.
     * @param amount  asked for, in 10<sup>-8</sup> units.
     */
    void withdrawRejected(final long account, final int asset, final long amount)
    {
        text.append("WITHDRAW_REJECTED,").append(accountNames.apply(account)).append(',')
            .append(assetNames.apply(asset)).append(',');
        Prices.appendTo(amount, text).append(",INSUFFICIENT_FUNDS\n");
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalance(final long account, final int asset, final long available, final long held)
    {
        if (balanceCount == balanceAccounts.length)
        {
            balanceAccounts = Arrays.copyOf(balanceAccounts, balanceCount * 2);
            balanceAssets = Arrays.copyOf(balanceAssets, balanceCount * 2);
            balanceAmounts = Arrays.copyOf(balanceAmounts, balanceCount * 4);
        }
        balanceAccounts[balanceCount] = account;
        balanceAssets[balanceCount] = asset;
        balanceAmounts[2 * balanceCount] = available;
        balanceAmounts[2 * balanceCount + 1] = held;
        balanceCount++;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onBalancesEnd()
    {
        for (int i = 1; i < balanceCount; i++)
        {
            for (int j = i; j > 0 && compareBalances(j - 1, j) > 0; j--)
            {
                swapBalances(j - 1, j);
            }
        }
        for (int i = 0; i < balanceCount; i++)
        {
            text.append("BALANCE,").append(accountNames.apply(balanceAccounts[i])).append(',')
                .append(assetNames.apply(balanceAssets[i])).append(',');
            Prices.appendTo(balanceAmounts[2 * i], text).append(',');
            Prices.appendTo(balanceAmounts[2 * i + 1], text).append('\n');
        }
        balanceCount = 0;
    }

    private int compareBalances(final int left, final int right)
    {
        final int byAccount = accountNames.apply(balanceAccounts[left]).compareTo(
            accountNames.apply(balanceAccounts[right]));
        return byAccount != 0 ? byAccount :
            assetNames.apply(balanceAssets[left]).compareTo(assetNames.apply(balanceAssets[right]));
    }

    private void swapBalances(final int left, final int right)
    {
        final long account = balanceAccounts[left];
        balanceAccounts[left] = balanceAccounts[right];
        balanceAccounts[right] = account;
        final int asset = balanceAssets[left];
        balanceAssets[left] = balanceAssets[right];
        balanceAssets[right] = asset;
        for (int k = 0; k < 2; k++)
        {
            final long amount = balanceAmounts[2 * left + k];
            balanceAmounts[2 * left + k] = balanceAmounts[2 * right + k];
            balanceAmounts[2 * right + k] = amount;
        }
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
    public void onAccountState(final CommandType type, final long account, final int canceled)
    {
        accountLine(type == CommandType.DISABLE ? "DISABLED" : "ENABLED", account);
    }

    @Override
    public void onFundsRefused(final CommandType type, final long account, final int asset, final long amount)
    {
        if (type == CommandType.WITHDRAW)
        {
            withdrawRejected(account, asset, amount);
        }
    }

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
