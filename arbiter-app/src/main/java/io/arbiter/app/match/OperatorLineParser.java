package io.arbiter.app.match;

/**
 * Parses the operator lines that set balances and risk (DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE, ENABLE) and holds
 * what the last one said, for the caller to turn into an engine command. Single threaded.
 */
final class OperatorLineParser
{
    private final LineFields fields;
    private final FieldReader reader;
    private long account;
    private int asset;
    private long amount;
    private int instrumentId;
    private int makerBps;
    private int takerBps;
    private long maxQuantity;
    private long maxNotional;

    /**
     * @param fields the fields of the current line.
     * @param reader reads them.
     */
    OperatorLineParser(final LineFields fields, final FieldReader reader)
    {
        this.fields = fields;
        this.reader = reader;
    }

    /**
     * Parse the current line, a DEPOSIT or WITHDRAW line: see {@link #account()}, {@link #asset()}, {@link #amount()}.
     *
     * @param what the command, DEPOSIT or WITHDRAW.
     * @throws MalformedLineException if the line cannot be understood.
     */
    void parseFunds(final String what) throws MalformedLineException
    {
        reader.expectFields(what, 4, 4);
        account = reader.account(1);
        asset = reader.asset(2);
        amount = reader.amount(3, what, false);
    }

    /**
     * Parse the current line, a DISABLE or ENABLE line: see {@link #account()}.
     *
     * @param what the command, DISABLE or ENABLE.
     * @throws MalformedLineException if the line cannot be understood.
     */
    void parseAccount(final String what) throws MalformedLineException
    {
        reader.expectFields(what, 2, 2);
        account = reader.account(1);
    }

    /**
     * Parse the current line, a FEES line: see {@link #instrumentId()}, {@link #makerBps()}, {@link #takerBps()}.
     *
     * @throws MalformedLineException if the line cannot be understood.
     */
    void parseFees() throws MalformedLineException
    {
        reader.expectFields("FEES", 4, 4);
        instrumentId = reader.riskInstrumentId(1, "FEES");
        makerBps = reader.bps(2, "maker_bps");
        takerBps = reader.bps(3, "taker_bps");
        if (makerBps > takerBps)
        {
            throw reader.malformed("maker_bps " + makerBps + " is above taker_bps " + takerBps);
        }
    }

    /**
     * Parse the current line, a LIMITS line: see {@link #instrumentId()}, {@link #maxQuantity()},
     * {@link #maxNotional()}.
     *
     * @throws MalformedLineException if the line cannot be understood.
     */
    void parseLimits() throws MalformedLineException
    {
        reader.expectFields("LIMITS", 4, 4);
        instrumentId = reader.riskInstrumentId(1, "LIMITS");
        maxQuantity = reader.digits(2);
        if (maxQuantity < 0)
        {
            throw reader.malformed("max_qty '" + fields.string(2) + "' is not a non-negative integer");
        }
        maxNotional = reader.amount(3, "LIMITS", true);
    }

    /**
     * @return account id of the last deposit, withdrawal, disable or enable.
     */
    long account()
    {
        return account;
    }

    /**
     * @return asset id of the last deposit or withdrawal.
     */
    int asset()
    {
        return asset;
    }

    /**
     * @return amount, in 10<sup>-8</sup> units, of the last deposit or withdrawal.
     */
    long amount()
    {
        return amount;
    }

    /**
     * @return instrument id of the last fees or limits line.
     */
    int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return maker fee of the last fees line, in basis points.
     */
    int makerBps()
    {
        return makerBps;
    }

    /**
     * @return taker fee of the last fees line, in basis points.
     */
    int takerBps()
    {
        return takerBps;
    }

    /**
     * @return largest order quantity of the last limits line, 0 for none.
     */
    long maxQuantity()
    {
        return maxQuantity;
    }

    /**
     * @return largest LIMIT order notional of the last limits line, in quote units, 0 for none.
     */
    long maxNotional()
    {
        return maxNotional;
    }
}
