package io.arbiter.app.match;

import java.util.function.ToIntFunction;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.risk.SpotRisk;

/**
 * Parses the lines of an {@code arbiter match} command file into engine {@link Command}s and instrument definitions
 * (format in {@code docs/match-format.md}). Account names become dense ids in order of first appearance; symbols are
 * resolved by the given function, -1 for an unknown symbol so that the engine rejects it. Splits each line into
 * {@link LineFields}, dispatches on the first field and keeps the file's state (command sequence, time, accounts);
 * the fields are read by a {@link FieldReader}, NEW lines by a {@link NewOrderParser}, INSTRUMENT lines by an
 * {@link InstrumentLineParser} and the balance and risk lines by an {@link OperatorLineParser}. Single threaded.
 */
final class CommandFileParser
{
    /**
     * What a line turned out to be.
     */
    enum LineKind
    {
        /** Blank or comment line: nothing to do. */
        SKIP,
        /** An instrument definition: see {@link #instrumentLine()}. */
        INSTRUMENT,
        /** An engine command, written into the command passed to {@link #parse}. */
        COMMAND,
        /** A deposit: see {@link #operatorLine()}, its account, asset and amount. */
        DEPOSIT,
        /** A withdrawal: see {@link #operatorLine()}, its account, asset and amount. */
        WITHDRAW,
        /** Fees of an instrument: see {@link #operatorLine()}, its instrument id, maker and taker bps. */
        FEES,
        /** Limits of an instrument: see {@link #operatorLine()}, its instrument id, max quantity and notional. */
        LIMITS,
        /** The kill switch of an account: see {@link #operatorLine()}, its account. */
        DISABLE,
        /** The end of an account's kill switch: see {@link #operatorLine()}, its account. */
        ENABLE
    }

    private final LineFields fields = new LineFields();
    private final AccountNames accounts = new AccountNames();
    private final FieldReader reader;
    private final NewOrderParser newOrder;
    private final InstrumentLineParser instrumentLine;
    private final OperatorLineParser operatorLine;
    private long sequence;
    private long lastTime;
    private String lastSymbolText = "*";

    /**
     * A parser for files without balances: every asset and every instrument with assets is unknown to it.
     *
     * @param symbolResolver gives the instrument id of a symbol, or -1 if it is not defined.
     */
    CommandFileParser(final ToIntFunction<String> symbolResolver)
    {
        this(symbolResolver, name -> -1, name -> -1);
    }

    /**
     * @param symbolResolver     gives the instrument id of a symbol, or -1 if it is not defined.
     * @param assetResolver      gives the id of an asset, or -1 if no instrument names it.
     * @param riskSymbolResolver gives the instrument id of a symbol that has assets, or -1.
     */
    CommandFileParser(
        final ToIntFunction<String> symbolResolver,
        final ToIntFunction<String> assetResolver,
        final ToIntFunction<String> riskSymbolResolver)
    {
        reader = new FieldReader(fields, accounts, symbolResolver, assetResolver, riskSymbolResolver);
        newOrder = new NewOrderParser(fields, reader);
        instrumentLine = new InstrumentLineParser(fields, reader, symbolResolver);
        operatorLine = new OperatorLineParser(fields, reader);
    }

    /**
     * Parse one line.
     *
     * @param line       the raw line, without its line terminator.
     * @param lineNumber of the line, from 1, for error messages.
     * @param command    written for a {@link LineKind#COMMAND} line, untouched otherwise.
     * @return what the line is.
     * @throws MalformedLineException if the line cannot be understood.
     */
    LineKind parse(final String line, final long lineNumber, final Command command) throws MalformedLineException
    {
        if (!reader.startLine(line, lineNumber))
        {
            return LineKind.SKIP;
        }

        if (fields.is(0, "NEW"))
        {
            newOrder.parse(command);
        }
        else if (fields.is(0, "CANCEL"))
        {
            reader.expectFields("CANCEL", 3, 3);
            command.cancel(reader.orderId(1), reader.account(2));
        }
        else if (fields.is(0, "REPLACE"))
        {
            reader.expectFields("REPLACE", 5, 5);
            command.replace(reader.orderId(1), reader.account(2), reader.price(3), reader.quantity(4));
        }
        else if (fields.is(0, "INSTRUMENT"))
        {
            instrumentLine.parse();
            return LineKind.INSTRUMENT;
        }
        else if (fields.is(0, "TIME"))
        {
            reader.expectFields("TIME", 2, 2);
            final long time = reader.digits(1);
            if (time < 0)
            {
                throw reader.malformed("time '" + fields.string(1) + "' is not a non-negative integer");
            }
            if (time < lastTime)
            {
                throw reader.malformed("time " + time + " is before the last time " + lastTime);
            }
            lastTime = time;
            command.clock(time);
        }
        else if (fields.is(0, "MASS_CANCEL"))
        {
            reader.expectFields("MASS_CANCEL", 2, 3);
            final long account = reader.account(1);
            command.massCancel(account, fields.count() == 3 ? reader.instrumentId(2) : Command.ALL_INSTRUMENTS);
            lastSymbolText = fields.count() == 3 ? fields.string(2) : "*";
        }
        else if (fields.is(0, "HALT") || fields.is(0, "RESUME") || fields.is(0, "DELIST"))
        {
            final CommandType type = fields.is(0, "HALT") ? CommandType.HALT :
                fields.is(0, "RESUME") ? CommandType.RESUME : CommandType.DELIST;
            reader.expectFields(type.name(), 2, 2);
            command.instrumentCommand(type, reader.knownInstrument(1));
        }
        else if (fields.is(0, "BAND"))
        {
            reader.expectFields("BAND", 3, 3);
            command.band(reader.knownInstrument(1), reader.bandHundredths(2));
        }
        else if (fields.is(0, "DEPOSIT") || fields.is(0, "WITHDRAW"))
        {
            final String what = fields.string(0);
            operatorLine.parseFunds(what);
            return what.equals("DEPOSIT") ? LineKind.DEPOSIT : LineKind.WITHDRAW;
        }
        else if (fields.is(0, "DISABLE") || fields.is(0, "ENABLE"))
        {
            final boolean disable = fields.is(0, "DISABLE");
            operatorLine.parseAccount(disable ? "DISABLE" : "ENABLE");
            return disable ? LineKind.DISABLE : LineKind.ENABLE;
        }
        else if (fields.is(0, "FEES"))
        {
            operatorLine.parseFees();
            return LineKind.FEES;
        }
        else if (fields.is(0, "LIMITS"))
        {
            operatorLine.parseLimits();
            return LineKind.LIMITS;
        }
        else
        {
            throw reader.malformed("unknown command '" + fields.string(0) +
                "' (expected INSTRUMENT, NEW, CANCEL, REPLACE, TIME, MASS_CANCEL, HALT, RESUME, DELIST, BAND, " +
                "DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE or ENABLE)");
        }
        command.sequence(++sequence);
        return LineKind.COMMAND;
    }

    /**
     * @return the definition of the last {@link LineKind#INSTRUMENT} line.
     */
    InstrumentLineParser instrumentLine()
    {
        return instrumentLine;
    }

    /**
     * @return what the last DEPOSIT, WITHDRAW, FEES, LIMITS, DISABLE or ENABLE line said.
     */
    OperatorLineParser operatorLine()
    {
        return operatorLine;
    }

    /**
     * @param accountId an id this parser gave, or {@link SpotRisk#FEE_ACCOUNT}.
     * @return the account's name in the file.
     */
    String accountName(final long accountId)
    {
        return accounts.name(accountId);
    }

    /**
     * @return the symbol field of the last MASS_CANCEL line as written, or {@code *} if it had none.
     */
    String lastSymbolText()
    {
        return lastSymbolText;
    }

    /**
     * @return number of distinct accounts seen so far.
     */
    int accountCount()
    {
        return accounts.count();
    }
}
