package io.arbiter.engine;

/**
 * A command to the matching engine, mutated in place and reused: decoders and sequencers write one, the engine reads
 * it in {@link MatchingEngine#onCommand(Command)}. Not thread safe; a command is owned by one thread at a time.
 * <p>
 * Prices are in {@link Prices} units ({@link Prices#NULL_PRICE} when absent), quantities in units of the instrument
 * (a multiple of its lot size). The enumerated fields are held as their ordinals, so writing or copying a command
 * stores no object reference (no collector write barrier on the decoder's or the ring's path).
 * <p>
 * Besides the order fields, a NEW carries an optional stop price ({@link #stopPrice()}, {@link Prices#NULL_PRICE} when
 * absent), display quantity ({@link #displayQuantity()}, 0 when absent) and expiry time ({@link #time()},
 * {@link #NO_TIME} when absent). The instrument-level commands reuse the fields: TIME carries the new clock in
 * {@link #time()}; MASS_CANCEL the account and an instrument id or {@link #ALL_INSTRUMENTS}; HALT, RESUME and DELIST an
 * instrument id; BAND an instrument id and the percent in hundredths in {@link #quantity()}. The operator's commands
 * (INSTRUMENT, DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE, ENABLE) reuse them as their builders below describe.
 */
public final class Command
{
    /** {@link #time()} of a command that carries none. */
    public static final long NO_TIME = -1;
    /** Instrument id of a MASS_CANCEL over every instrument. */
    public static final int ALL_INSTRUMENTS = Integer.MIN_VALUE;

    private byte type = (byte)CommandType.NEW.ordinal();
    private long sequence;
    private long timestampNs;
    private long orderId;
    private long account;
    private int instrumentId;
    private byte side = (byte)Side.BUY.ordinal();
    private byte orderType = (byte)OrderType.LIMIT.ordinal();
    private byte timeInForce = (byte)TimeInForce.GTC.ordinal();
    private byte selfTradePrevention = (byte)SelfTradePrevention.NONE.ordinal();
    private long price = Prices.NULL_PRICE;
    private long quantity;
    private long stopPrice = Prices.NULL_PRICE;
    private long displayQuantity;
    private long time = NO_TIME;

    /**
     * Make this a NEW order command with no stop price, display quantity or expiry; sequence and timestamp are left
     * as they are.
     *
     * @param orderId      unique among open orders.
     * @param account      owner of the order.
     * @param instrumentId of the book.
     * @param side         buy or sell.
     * @param orderType    limit or market.
     * @param timeInForce  time in force.
     * @param price        limit price in units, or {@link Prices#NULL_PRICE}.
     * @param quantity     quantity in units.
     * @param stp          self-trade prevention mode.
     * @return this for fluent use.
     */
    public Command newOrder(
        final long orderId,
        final long account,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final SelfTradePrevention stp)
    {
        this.type = (byte)CommandType.NEW.ordinal();
        this.orderId = orderId;
        this.account = account;
        this.instrumentId = instrumentId;
        this.side = (byte)side.ordinal();
        this.orderType = (byte)orderType.ordinal();
        this.timeInForce = (byte)timeInForce.ordinal();
        this.price = price;
        this.quantity = quantity;
        this.selfTradePrevention = (byte)stp.ordinal();
        this.stopPrice = Prices.NULL_PRICE;
        this.displayQuantity = 0;
        this.time = NO_TIME;
        return this;
    }

    /**
     * Make this a TIME command: the engine's clock becomes {@code time}.
     *
     * @param time the new clock, not negative and not below the current one.
     * @return this for fluent use.
     */
    public Command clock(final long time)
    {
        this.type = (byte)CommandType.TIME.ordinal();
        this.time = time;
        return this;
    }

    /**
     * Make this a MASS_CANCEL command.
     *
     * @param account      whose open orders are cancelled.
     * @param instrumentId the instrument, or {@link #ALL_INSTRUMENTS}.
     * @return this for fluent use.
     */
    public Command massCancel(final long account, final int instrumentId)
    {
        this.type = (byte)CommandType.MASS_CANCEL.ordinal();
        this.account = account;
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * Make this an instrument command without a value: HALT, RESUME or DELIST.
     *
     * @param type         HALT, RESUME or DELIST.
     * @param instrumentId the instrument.
     * @return this for fluent use.
     */
    public Command instrumentCommand(final CommandType type, final int instrumentId)
    {
        this.type = (byte)type.ordinal();
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * Make this a BAND command.
     *
     * @param instrumentId the instrument.
     * @param hundredths   the band's percent in hundredths (500 is 5 %), from 0 (off) to 10,000.
     * @return this for fluent use.
     */
    public Command band(final int instrumentId, final long hundredths)
    {
        this.type = (byte)CommandType.BAND.ordinal();
        this.instrumentId = instrumentId;
        this.quantity = hundredths;
        return this;
    }

    /**
     * Make this an INSTRUMENT command: define an instrument at run time. The names are packed by {@link PackedNames}:
     * the symbol into {@link #orderId()}, {@link #account()} and {@link #time()}, the base asset into
     * {@link #stopPrice()} and the quote asset into {@link #displayQuantity()}.
     *
     * @param symbol        up to {@link PackedNames#MAX_SYMBOL_LENGTH} printable ASCII bytes.
     * @param tickSizeUnits tick size in {@link Prices} units.
     * @param lotSize       lot size.
     * @param base          asset of its quantities (up to {@link PackedNames#MAX_ASSET_LENGTH} bytes), or null.
     * @param quote         asset of its prices, or null.
     * @return this for fluent use.
     * @throws IllegalArgumentException if a name cannot be packed.
     */
    public Command defineInstrument(
        final String symbol, final long tickSizeUnits, final long lotSize, final String base, final String quote)
    {
        final String problem = PackedNames.problem(symbol, PackedNames.MAX_SYMBOL_LENGTH);
        final String baseProblem = base == null ? null : PackedNames.problem(base, PackedNames.MAX_ASSET_LENGTH);
        final String quoteProblem = quote == null ? null : PackedNames.problem(quote, PackedNames.MAX_ASSET_LENGTH);
        if (problem != null || baseProblem != null || quoteProblem != null)
        {
            throw new IllegalArgumentException(problem != null ? "symbol " + problem :
                "asset " + (baseProblem != null ? baseProblem : quoteProblem));
        }
        this.type = (byte)CommandType.INSTRUMENT.ordinal();
        this.orderId = PackedNames.pack(symbol, 0);
        this.account = PackedNames.pack(symbol, 1);
        this.time = PackedNames.pack(symbol, 2);
        this.stopPrice = PackedNames.pack(base, 0);
        this.displayQuantity = PackedNames.pack(quote, 0);
        this.price = tickSizeUnits;
        this.quantity = lotSize;
        this.instrumentId = 0;
        return this;
    }

    /**
     * @return the symbol of an INSTRUMENT command (produces garbage).
     */
    public String symbol()
    {
        return PackedNames.unpack(orderId, account, time);
    }

    /**
     * @return the base asset of an INSTRUMENT command, or null (produces garbage).
     */
    public String baseAsset()
    {
        return PackedNames.unpack(stopPrice);
    }

    /**
     * @return the quote asset of an INSTRUMENT command, or null (produces garbage).
     */
    public String quoteAsset()
    {
        return PackedNames.unpack(displayQuantity);
    }

    /**
     * Make this a DEPOSIT or WITHDRAW command: the asset id goes into {@link #instrumentId()}, the amount into
     * {@link #quantity()}.
     *
     * @param type    DEPOSIT or WITHDRAW.
     * @param account whose balance changes.
     * @param asset   id of a defined asset.
     * @param amount  positive, in 10<sup>-8</sup> units of the asset.
     * @return this for fluent use.
     */
    public Command funds(final CommandType type, final long account, final int asset, final long amount)
    {
        this.type = (byte)type.ordinal();
        this.account = account;
        this.instrumentId = asset;
        this.quantity = amount;
        return this;
    }

    /**
     * Make this a FEES command: maker rate in {@link #price()}, taker rate in {@link #quantity()}.
     *
     * @param instrumentId an instrument with assets.
     * @param makerBps     maker fee in basis points (negative: a rebate).
     * @param takerBps     taker fee in basis points, at least the maker fee.
     * @return this for fluent use.
     */
    public Command fees(final int instrumentId, final int makerBps, final int takerBps)
    {
        this.type = (byte)CommandType.FEES.ordinal();
        this.instrumentId = instrumentId;
        this.price = makerBps;
        this.quantity = takerBps;
        return this;
    }

    /**
     * Make this a LIMITS command: largest quantity in {@link #quantity()}, largest notional in {@link #price()}.
     *
     * @param instrumentId an instrument with assets.
     * @param maxQuantity  largest order quantity, 0 for none.
     * @param maxNotional  largest LIMIT order notional in quote units, 0 for none.
     * @return this for fluent use.
     */
    public Command limits(final int instrumentId, final long maxQuantity, final long maxNotional)
    {
        this.type = (byte)CommandType.LIMITS.ordinal();
        this.instrumentId = instrumentId;
        this.quantity = maxQuantity;
        this.price = maxNotional;
        return this;
    }

    /**
     * Make this a DISABLE or ENABLE command.
     *
     * @param type    DISABLE or ENABLE.
     * @param account the account.
     * @return this for fluent use.
     */
    public Command accountCommand(final CommandType type, final long account)
    {
        this.type = (byte)type.ordinal();
        this.account = account;
        return this;
    }

    /**
     * Make this a CANCEL command.
     *
     * @param orderId of the open order.
     * @param account that owns it.
     * @return this for fluent use.
     */
    public Command cancel(final long orderId, final long account)
    {
        this.type = (byte)CommandType.CANCEL.ordinal();
        this.orderId = orderId;
        this.account = account;
        this.price = Prices.NULL_PRICE;
        this.quantity = 0;
        return this;
    }

    /**
     * Make this a REPLACE command.
     *
     * @param orderId  of the open order.
     * @param account  that owns it.
     * @param price    new limit price in units.
     * @param quantity new remaining quantity.
     * @return this for fluent use.
     */
    public Command replace(final long orderId, final long account, final long price, final long quantity)
    {
        this.type = (byte)CommandType.REPLACE.ordinal();
        this.orderId = orderId;
        this.account = account;
        this.price = price;
        this.quantity = quantity;
        return this;
    }

    /**
     * Copy every field from another command.
     *
     * @param other to copy.
     * @return this for fluent use.
     */
    public Command copyFrom(final Command other)
    {
        type = other.type;
        sequence = other.sequence;
        timestampNs = other.timestampNs;
        orderId = other.orderId;
        account = other.account;
        instrumentId = other.instrumentId;
        side = other.side;
        orderType = other.orderType;
        timeInForce = other.timeInForce;
        selfTradePrevention = other.selfTradePrevention;
        price = other.price;
        quantity = other.quantity;
        stopPrice = other.stopPrice;
        displayQuantity = other.displayQuantity;
        time = other.time;
        return this;
    }

    /**
     * @return the kind of command.
     */
    public CommandType type()
    {
        return CommandType.get(type);
    }

    /**
     * @param type the kind of command.
     * @return this for fluent use.
     */
    public Command type(final CommandType type)
    {
        this.type = (byte)type.ordinal();
        return this;
    }

    /**
     * @return sequence number stamped by the sequencer.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @param sequence stamped by the sequencer.
     * @return this for fluent use.
     */
    public Command sequence(final long sequence)
    {
        this.sequence = sequence;
        return this;
    }

    /**
     * @return timestamp in nanoseconds stamped by the sequencer; the engine never reads a clock.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @param timestampNs stamped by the sequencer.
     * @return this for fluent use.
     */
    public Command timestampNs(final long timestampNs)
    {
        this.timestampNs = timestampNs;
        return this;
    }

    /**
     * @return the order id (new order's id, or the target of a cancel or replace).
     */
    public long orderId()
    {
        return orderId;
    }

    /**
     * @param orderId the order id.
     * @return this for fluent use.
     */
    public Command orderId(final long orderId)
    {
        this.orderId = orderId;
        return this;
    }

    /**
     * @return the account sending the command.
     */
    public long account()
    {
        return account;
    }

    /**
     * @param account sending the command.
     * @return this for fluent use.
     */
    public Command account(final long account)
    {
        this.account = account;
        return this;
    }

    /**
     * @return instrument of a NEW order (negative or unknown ids are rejected as UNKNOWN_SYMBOL).
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @param instrumentId of a NEW order.
     * @return this for fluent use.
     */
    public Command instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * @return side of a NEW order.
     */
    public Side side()
    {
        return Side.get(side);
    }

    /**
     * @param side of a NEW order.
     * @return this for fluent use.
     */
    public Command side(final Side side)
    {
        this.side = (byte)side.ordinal();
        return this;
    }

    /**
     * @return type of a NEW order.
     */
    public OrderType orderType()
    {
        return OrderType.get(orderType);
    }

    /**
     * @param orderType of a NEW order.
     * @return this for fluent use.
     */
    public Command orderType(final OrderType orderType)
    {
        this.orderType = (byte)orderType.ordinal();
        return this;
    }

    /**
     * @return time in force of a NEW order.
     */
    public TimeInForce timeInForce()
    {
        return TimeInForce.get(timeInForce);
    }

    /**
     * @param timeInForce of a NEW order.
     * @return this for fluent use.
     */
    public Command timeInForce(final TimeInForce timeInForce)
    {
        this.timeInForce = (byte)timeInForce.ordinal();
        return this;
    }

    /**
     * @return self-trade prevention mode of a NEW order.
     */
    public SelfTradePrevention selfTradePrevention()
    {
        return SelfTradePrevention.get(selfTradePrevention);
    }

    /**
     * @param selfTradePrevention mode of a NEW order.
     * @return this for fluent use.
     */
    public Command selfTradePrevention(final SelfTradePrevention selfTradePrevention)
    {
        this.selfTradePrevention = (byte)selfTradePrevention.ordinal();
        return this;
    }

    /**
     * @return price in {@link Prices} units, or {@link Prices#NULL_PRICE}.
     */
    public long price()
    {
        return price;
    }

    /**
     * @param price in {@link Prices} units, or {@link Prices#NULL_PRICE}.
     * @return this for fluent use.
     */
    public Command price(final long price)
    {
        this.price = price;
        return this;
    }

    /**
     * @return quantity of a NEW order or new remaining quantity of a REPLACE.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @param quantity of a NEW order or new remaining quantity of a REPLACE.
     * @return this for fluent use.
     */
    public Command quantity(final long quantity)
    {
        this.quantity = quantity;
        return this;
    }

    /**
     * @return stop price in {@link Prices} units of a STOP_LIMIT or STOP_MARKET NEW, or {@link Prices#NULL_PRICE}.
     */
    public long stopPrice()
    {
        return stopPrice;
    }

    /**
     * @param stopPrice in {@link Prices} units, or {@link Prices#NULL_PRICE}.
     * @return this for fluent use.
     */
    public Command stopPrice(final long stopPrice)
    {
        this.stopPrice = stopPrice;
        return this;
    }

    /**
     * @return display quantity of an iceberg NEW, or 0 for none.
     */
    public long displayQuantity()
    {
        return displayQuantity;
    }

    /**
     * @param displayQuantity of an iceberg NEW, or 0 for none.
     * @return this for fluent use.
     */
    public Command displayQuantity(final long displayQuantity)
    {
        this.displayQuantity = displayQuantity;
        return this;
    }

    /**
     * @return expiry time of a NEW (for GTD), the clock of a TIME command, or {@link #NO_TIME}.
     */
    public long time()
    {
        return time;
    }

    /**
     * @param time expiry time of a NEW, clock of a TIME command, or {@link #NO_TIME}.
     * @return this for fluent use.
     */
    public Command time(final long time)
    {
        this.time = time;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        final String head = "Command{" + type() + " seq=" + sequence + " ts=" + timestampNs + " id=" + orderId +
            " acct=" + account;
        final String px = price == Prices.NULL_PRICE ? "none" : Prices.format(price);
        switch (type())
        {
            case NEW:
                return head + " instr=" + instrumentId + " " + side() + " " + orderType() + " " + timeInForce() +
                    " stp=" + selfTradePrevention() + " px=" + px + " qty=" + quantity +
                    (stopPrice == Prices.NULL_PRICE ? "" : " stop=" + Prices.format(stopPrice)) +
                    (displayQuantity == 0 ? "" : " display=" + displayQuantity) +
                    (time == NO_TIME ? "" : " expire=" + time) + "}";
            case REPLACE:
                return head + " px=" + px + " qty=" + quantity + "}";
            case TIME:
                return head + " time=" + time + "}";
            case MASS_CANCEL:
            case HALT:
            case RESUME:
            case DELIST:
                return head + " instr=" + instrumentId + "}";
            case BAND:
                return head + " instr=" + instrumentId + " band=" + quantity + "}";
            case INSTRUMENT:
                return "Command{INSTRUMENT seq=" + sequence + " symbol=" + symbol() + " tick=" + price + " lot=" +
                    quantity + " base=" + baseAsset() + " quote=" + quoteAsset() + "}";
            case DEPOSIT:
            case WITHDRAW:
                return head + " asset=" + instrumentId + " amount=" + quantity + "}";
            case FEES:
                return head + " instr=" + instrumentId + " maker=" + price + " taker=" + quantity + "}";
            case LIMITS:
                return head + " instr=" + instrumentId + " maxQty=" + quantity + " maxNotional=" + price + "}";
            default:
                return head + "}";
        }
    }
}
