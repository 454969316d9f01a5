package io.arbiter.app.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.arbiter.app.match.CommandFileParser.LineKind;
import io.arbiter.engine.Command;
import io.arbiter.engine.CommandType;
import io.arbiter.engine.OrderType;
import io.arbiter.engine.Prices;
import io.arbiter.engine.SelfTradePrevention;
import io.arbiter.engine.Side;
import io.arbiter.engine.TimeInForce;

class CommandFileParserTest
{
    private final Map<String, Integer> symbols = new HashMap<>(Map.of("BTC-USD", 0, "ETH-USD", 1));
    private final Map<String, Integer> assets = Map.of("BTC", 0, "USD", 1);
    private final CommandFileParser parser = new CommandFileParser(
        s -> symbols.getOrDefault(s, -1), a -> assets.getOrDefault(a, -1), s -> s.equals("BTC-USD") ? 0 : -1);
    private final Command command = new Command();

    @Test
    void shouldParseNewOrderWithEveryField() throws MalformedLineException
    {
        assertEquals(LineKind.COMMAND,
            parser.parse("NEW,42,alice,ETH-USD,SELL,LIMIT,IOC,101.25,7,CANCEL_BOTH", 1, command));

        assertEquals(CommandType.NEW, command.type());
        assertEquals(42, command.orderId());
        assertEquals(0, command.account());
        assertEquals(1, command.instrumentId());
        assertEquals(Side.SELL, command.side());
        assertEquals(OrderType.LIMIT, command.orderType());
        assertEquals(TimeInForce.IOC, command.timeInForce());
        assertEquals(10_125_000_000L, command.price());
        assertEquals(7, command.quantity());
        assertEquals(SelfTradePrevention.CANCEL_BOTH, command.selfTradePrevention());
    }

    @Test
    void shouldDefaultSelfTradePreventionToNoneAndMapEmptyPriceToNullPrice() throws MalformedLineException
    {
        parser.parse("NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,CANCEL_MAKER", 1, command);
        parser.parse("NEW,2,a,BTC-USD,BUY,MARKET,FOK,,3", 2, command);

        assertEquals(SelfTradePrevention.NONE, command.selfTradePrevention());
        assertEquals(OrderType.MARKET, command.orderType());
        assertEquals(TimeInForce.FOK, command.timeInForce());
        assertEquals(Prices.NULL_PRICE, command.price());
        assertEquals(0, command.instrumentId());
    }

    @Test
    void shouldTrimTheLineAndEachField() throws MalformedLineException
    {
        assertEquals(LineKind.COMMAND,
            parser.parse(" \tNEW , 5 ,bob, BTC-USD ,BUY, LIMIT ,POST_ONLY, 0.5 , 10 \r", 1, command));

        assertEquals(5, command.orderId());
        assertEquals(0, command.instrumentId());
        assertEquals(TimeInForce.POST_ONLY, command.timeInForce());
        assertEquals(Prices.UNIT / 2, command.price());
        assertEquals(10, command.quantity());
    }

    @Test
    void shouldSkipBlankAndCommentLines() throws MalformedLineException
    {
        command.cancel(99, 7);

        assertEquals(LineKind.SKIP, parser.parse("", 1, command));
        assertEquals(LineKind.SKIP, parser.parse("   \t ", 2, command));
        assertEquals(LineKind.SKIP, parser.parse("# NEW,1,a", 3, command));
        assertEquals(LineKind.SKIP, parser.parse("   #, anything at all", 4, command));
        assertEquals(99, command.orderId());
        assertEquals(0, parser.accountCount());
    }

    @Test
    void shouldGiveAccountsDenseIdsInOrderOfFirstAppearance() throws MalformedLineException
    {
        parser.parse("CANCEL,1,carol", 1, command);
        assertEquals(0, command.account());
        parser.parse("CANCEL,1,alice", 2, command);
        assertEquals(1, command.account());
        parser.parse("REPLACE,1,carol,5,5", 3, command);
        assertEquals(0, command.account());
        parser.parse("NEW,1,Carol,BTC-USD,BUY,LIMIT,GTC,1,1", 4, command);
        assertEquals(2, command.account());
        assertEquals(3, parser.accountCount());
    }

    @Test
    void shouldParseCancelAndReplace() throws MalformedLineException
    {
        parser.parse("CANCEL,9223372036854775807,x", 1, command);
        assertEquals(CommandType.CANCEL, command.type());
        assertEquals(Long.MAX_VALUE, command.orderId());

        parser.parse("REPLACE,0,x,99.99,12", 2, command);
        assertEquals(CommandType.REPLACE, command.type());
        assertEquals(0, command.orderId());
        assertEquals(9_999_000_000L, command.price());
        assertEquals(12, command.quantity());
    }

    @Test
    void shouldNumberCommandsInSequence() throws MalformedLineException
    {
        parser.parse("CANCEL,1,x", 1, command);
        assertEquals(1, command.sequence());
        parser.parse("# comment", 2, command);
        parser.parse("INSTRUMENT,SOL-USD,0.01,1", 3, command);
        parser.parse("CANCEL,1,x", 4, command);
        assertEquals(2, command.sequence());
    }

    @Test
    void shouldPassUnknownSymbolAsMinusOne() throws MalformedLineException
    {
        parser.parse("NEW,1,a,DOGE-USD,BUY,LIMIT,GTC,1,1", 1, command);

        assertEquals(-1, command.instrumentId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.000000001  | -1",
        "99999999999999999999 | -1",
        "0            | 0",
        "-3           | -300000000",
        "'   '        | -9223372036854775808",
    })
    void shouldPassWellFormedPricesForTheEngineToJudge(final String price, final long expected)
        throws MalformedLineException
    {
        parser.parse("NEW,1,a,BTC-USD,BUY,LIMIT,GTC," + price + ",1", 1, command);

        assertEquals(expected, command.price());
        assertEquals(Prices.UNREPRESENTABLE, -1L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0                      | 0",
        "-5                     | -5",
        "+5                     | 5",
        "1.5                    | 0",
        "2.0                    | 0",
        "99999999999999999999   | 0",
        "-99999999999999999999  | 0",
        "9223372036854775807    | 9223372036854775807",
    })
    void shouldPassWellFormedQuantitiesForTheEngineToJudge(final String quantity, final long expected)
        throws MalformedLineException
    {
        parser.parse("REPLACE,1,a,1," + quantity, 1, command);

        assertEquals(expected, command.quantity());
    }

    @Test
    void shouldParseInstrument() throws MalformedLineException
    {
        assertEquals(LineKind.INSTRUMENT, parser.parse("INSTRUMENT, SOL-USD ,0.0025,100", 1, command));

        assertEquals("SOL-USD", parser.instrumentLine().symbol());
        assertEquals(250_000, parser.instrumentLine().tickSizeUnits());
        assertEquals(100, parser.instrumentLine().lotSize());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "FOO,1,a                                          | unknown command 'FOO'",
        "new,1,a,BTC-USD,BUY,LIMIT,GTC,1,1                | unknown command 'new'",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1                  | NEW needs at least 9 fields, found 8",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,NONE,x         | unknown or repeated NEW option 'x'",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,stop=1,stop=2  | unknown or repeated NEW option 'stop=2'",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,size=2         | unknown or repeated NEW option 'size=2'",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,stop=x         | stop price 'x' is not a decimal",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,display=x      | display quantity 'x' is not a number",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTD,1,1,expire=-1      | expire '-1' is not a non-negative integer",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTD,1,1,expire=        | expire '' is not a non-negative integer",
        "TIME                                             | TIME needs 2 fields, found 1",
        "TIME,-3                                          | time '-3' is not a non-negative integer",
        "TIME,1.5                                         | time '1.5' is not a non-negative integer",
        "MASS_CANCEL                                      | MASS_CANCEL needs 2 or 3 fields, found 1",
        "MASS_CANCEL,,BTC-USD                             | account is empty",
        "HALT,NOPE                                        | unknown symbol 'NOPE'",
        "RESUME                                           | RESUME needs 2 fields, found 1",
        "DELIST,BTC-USD,x                                 | DELIST needs 2 fields, found 3",
        "BAND,BTC-USD,100.01                              | band percent '100.01' must be from 0 to 100",
        "BAND,BTC-USD,1.005                               | band percent '1.005' must be from 0 to 100",
        "BAND,BTC-USD,-1                                  | band percent '-1' must be from 0 to 100",
        "BAND,BTC-USD,five                                | band percent 'five' is not a decimal",
        "BAND,NOPE,5                                      | unknown symbol 'NOPE'",
        "CANCEL,1                                         | CANCEL needs 3 fields, found 2",
        "CANCEL,1,a,                                      | CANCEL needs 3 fields, found 4",
        "REPLACE,1,a,5                                    | REPLACE needs 5 fields, found 4",
        "INSTRUMENT,X,1                                   | INSTRUMENT needs 4 or 6 fields, found 3",
        "INSTRUMENT,X,1,1,BTC                             | INSTRUMENT needs 4 or 6 fields, found 5",
        "INSTRUMENT,X,1,1,BTC,BTC                         | INSTRUMENT needs two different, non-empty assets",
        "INSTRUMENT,X,1,1,,USD                            | INSTRUMENT needs two different, non-empty assets",
        "NEW,1,FEES,BTC-USD,BUY,LIMIT,GTC,1,1             | account FEES is reserved for fees",
        "CANCEL,1,FEES                                    | account FEES is reserved for fees",
        "DEPOSIT,FEES,USD,1                               | account FEES is reserved for fees",
        "WITHDRAW,a,USD                                   | WITHDRAW needs 4 fields, found 3",
        "DEPOSIT,a,EUR,1                                  | asset 'EUR' is not named by any INSTRUMENT line",
        "DEPOSIT,a,USD,0                                  | DEPOSIT amount '0' must be positive",
        "DEPOSIT,a,USD,-1                                 | DEPOSIT amount '-1' must be positive",
        "WITHDRAW,a,USD,0.000000001                       | WITHDRAW amount '0.000000001' must be positive",
        "DEPOSIT,a,USD,x                                  | DEPOSIT amount 'x' is not a decimal",
        "FEES,ETH-USD,1,2                                 | FEES names 'ETH-USD', not an instrument with assets",
        "FEES,BTC-USD,3,2                                 | maker_bps 3 is above taker_bps 2",
        "FEES,BTC-USD,1,10001                             | taker_bps '10001' is not an integer from -10000",
        "FEES,BTC-USD,1.5,2                               | maker_bps '1.5' is not an integer",
        "LIMITS,BTC-USD,-1,0                              | max_qty '-1' is not a non-negative integer",
        "LIMITS,BTC-USD,1,-1                              | LIMITS amount '-1' must be non-negative",
        "LIMITS,XYZ,1,1                                   | LIMITS names 'XYZ', not an instrument with assets",
        "NEW,-1,a,BTC-USD,BUY,LIMIT,GTC,1,1               | order_id '-1' is not a non-negative integer",
        "NEW,x7,a,BTC-USD,BUY,LIMIT,GTC,1,1               | order_id 'x7' is not a non-negative integer",
        "CANCEL,,a                                        | order_id '' is not a non-negative integer",
        "CANCEL,9223372036854775808,a                     | order_id '9223372036854775808' is not a non-negative",
        "CANCEL,1.0,a                                     | order_id '1.0' is not a non-negative integer",
        "CANCEL,1,                                        | account is empty",
        "NEW,1,a,,BUY,LIMIT,GTC,1,1                       | symbol is empty",
        "NEW,1,a,BTC-USD,BY,LIMIT,GTC,1,1                 | unknown side 'BY' (expected BUY or SELL)",
        "NEW,1,a,BTC-USD,BUY,STOP,GTC,1,1                 | unknown order type 'STOP' (expected LIMIT, MARKET,",
        "NEW,1,a,BTC-USD,BUY,LIMIT,DAY,1,1                | unknown time in force 'DAY' (expected GTC, IOC, FOK, POST",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,                | unknown self-trade prevention '' (expected NONE,",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,1,cancel_taker   | unknown self-trade prevention 'cancel_taker'",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,abc,1              | price 'abc' is not a decimal",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1e3,1              | price '1e3' is not a decimal",
        "REPLACE,1,a,1.2.3,1                              | price '1.2.3' is not a decimal",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,ten              | quantity 'ten' is not a number",
        "NEW,1,a,BTC-USD,BUY,LIMIT,GTC,1,                 | quantity '' is not a number",
        "REPLACE,1,a,1,1e3                                | quantity '1e3' is not a number",
        "REPLACE,1,a,1,-                                  | quantity '-' is not a number",
        "INSTRUMENT,,0.01,1                               | INSTRUMENT has an empty symbol",
        "INSTRUMENT,BTC-USD,0.01,1                        | instrument 'BTC-USD' is already defined",
        "INSTRUMENT,X,abc,1                               | tick_size 'abc' is not a decimal",
        "INSTRUMENT,X,0,1                                 | tick_size '0' must be positive with at most 8 decimals",
        "INSTRUMENT,X,-0.5,1                              | tick_size '-0.5' must be positive",
        "INSTRUMENT,X,0.000000001,1                       | tick_size '0.000000001' must be positive",
        "INSTRUMENT,X,0.01,0                              | lot_size '0' is not a positive integer",
        "INSTRUMENT,X,0.01,1.5                            | lot_size '1.5' is not a positive integer",
        "INSTRUMENT,X,0.01,-2                             | lot_size '-2' is not a positive integer",
    })
    void shouldRejectMalformedLinesNamingTheLineAndTheReason(final String line, final String reason)
    {
        final MalformedLineException ex =
            assertThrows(MalformedLineException.class, () -> parser.parse(line, 17, command));

        assertEquals(17, ex.lineNumber());
        assertTrue(ex.reason().startsWith(reason), () -> "reason was: " + ex.reason());
        assertTrue(ex.getMessage().startsWith("line 17: "), ex::getMessage);
    }
}
