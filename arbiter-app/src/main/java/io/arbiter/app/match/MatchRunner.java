package io.arbiter.app.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;

import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.EngineContext;
import io.arbiter.engine.Instrument;
import io.arbiter.engine.MatchingEngine;

/**
 * Streams a command file through a fresh {@link MatchingEngine}: reads a line, applies it, and writes the events in
 * chunks, so memory does not grow with the file. Single threaded; one run per instance.
 */
final class MatchRunner
{
    /** Buffered event text, in chars, above which it is written out after a command. */
    static final int FLUSH_THRESHOLD = 1 << 15;

    private final StringBuilder text = new StringBuilder(FLUSH_THRESHOLD * 2);
    private final EventLineFormatter formatter = new EventLineFormatter(text);
    private final Command command = new Command();
    private final MatchingEngine engine;
    private final CommandFileParser parser;
    private final OperatorLineParser operatorLine;
    private char[] chars = new char[FLUSH_THRESHOLD];
    private long commandCount;

    /**
     * @param context pool sizes and limits of the engine.
     */
    MatchRunner(final EngineContext context)
    {
        this(context, false);
    }

    /**
     * @param context     pool sizes and limits of the engine.
     * @param bookUpdates whether to print the {@code LEVEL} lines of the levels each command changed.
     */
    MatchRunner(final EngineContext context, final boolean bookUpdates)
    {
        this(context, bookUpdates, false);
    }

    /**
     * @param context     pool sizes and limits of the engine.
     * @param bookUpdates whether to print the {@code LEVEL} lines of the levels each command changed.
     * @param balances    whether to print the {@code BALANCE} lines of the balances each command changed.
     */
    MatchRunner(final EngineContext context, final boolean bookUpdates, final boolean balances)
    {
        engine = new MatchingEngine(context, formatter, bookUpdates ? formatter : null);
        parser = new CommandFileParser(engine::instrumentId, engine.riskControls()::assetId, this::riskInstrumentId);
        operatorLine = parser.operatorLine();
        if (balances)
        {
            engine.balanceListener(formatter);
        }
        formatter.names(parser);
        formatter.balanceNames(parser::accountName, engine.riskControls()::assetName);
    }

    private int riskInstrumentId(final String symbol)
    {
        final int id = engine.instrumentId(symbol);
        return id >= 0 && engine.risk().isEnabled(id) ? id : -1;
    }

    /**
     * Apply every line of the input and write the events to the output, which is flushed (but not closed) at the end
     * and before a {@link MalformedLineException} is thrown, holding exactly the events of the lines before it.
     *
     * @param in  the command file.
     * @param out receives the event lines.
     * @throws IOException            if reading or writing fails.
     * @throws MalformedLineException at the first line that cannot be understood.
     */
    void run(final BufferedReader in, final Writer out) throws IOException, MalformedLineException
    {
        long lineNumber = 0;
        try
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                lineNumber++;
                final CommandFileParser.LineKind kind = parser.parse(line, lineNumber, command);
                switch (kind)
                {
                    case COMMAND:
                        engine.onCommand(command);
                        commandCount++;
                        if (text.length() >= FLUSH_THRESHOLD)
                        {
                            drainTo(out);
                        }
                        break;

                    case INSTRUMENT:
                        defineInstrument(lineNumber);
                        break;

                    case DEPOSIT:
                    case WITHDRAW:
                        command.funds(kind == CommandFileParser.LineKind.DEPOSIT ? CommandType.DEPOSIT :
                            CommandType.WITHDRAW, operatorLine.account(), operatorLine.asset(), operatorLine.amount());
                        applyOperator(lineNumber);
                        break;

                    case FEES:
                        command.fees(operatorLine.instrumentId(), operatorLine.makerBps(), operatorLine.takerBps());
                        applyOperator(lineNumber);
                        break;

                    case DISABLE:
                    case ENABLE:
                        command.accountCommand(kind == CommandFileParser.LineKind.DISABLE ? CommandType.DISABLE :
                            CommandType.ENABLE, operatorLine.account());
                        applyOperator(lineNumber);
                        break;

                    case LIMITS:
                        command.limits(
                            operatorLine.instrumentId(), operatorLine.maxQuantity(), operatorLine.maxNotional());
                        applyOperator(lineNumber);
                        break;

                    default:
                        break;
                }
            }
        }
        catch (final MalformedLineException ex)
        {
            drainTo(out);
            out.flush();
            throw ex;
        }
        drainTo(out);
        out.flush();
    }

    /**
     * @return number of commands applied to the engine.
     */
    long commandCount()
    {
        return commandCount;
    }

    /**
     * @return the engine, for inspection after a run.
     */
    MatchingEngine engine()
    {
        return engine;
    }

    /**
     * Apply an operator command through the engine, as the server applies a journaled one.
     */
    private void applyOperator(final long lineNumber) throws MalformedLineException
    {
        engine.onCommand(command);
        if (command.type() == CommandType.DEPOSIT && engine.lastOperatorResult() == 0)
        {
            throw new MalformedLineException(lineNumber, "DEPOSIT would make the balance too large");
        }
        if (engine.lastOperatorRefusal() != null)
        {
            throw new MalformedLineException(lineNumber, engine.lastOperatorRefusal());
        }
    }

    private void defineInstrument(final long lineNumber) throws MalformedLineException
    {
        final InstrumentLineParser line = parser.instrumentLine();
        final Instrument instrument;
        try
        {
            instrument = engine.addInstrument(
                line.symbol(), line.tickSizeUnits(), line.lotSize(), line.base(), line.quote());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new MalformedLineException(lineNumber, "instrument refused: " + ex.getMessage());
        }
        formatter.defineSymbol(instrument.id(), instrument.symbol());
    }

    private void drainTo(final Writer out) throws IOException
    {
        final int length = text.length();
        if (chars.length < length)
        {
            chars = new char[length];
        }
        text.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
        text.setLength(0);
    }
}
