package io.arbiter.bench.fix;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.InvalidMessage;
import quickfix.Message;
import quickfix.UnsupportedMessageType;
import quickfix.field.AvgPx;
import quickfix.field.BeginString;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.MsgSeqNum;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TargetCompID;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;

import java.util.concurrent.TimeUnit;

/**
 * The floor of a FIX order's cost: QuickFIX/J encoding and decoding the two messages every order takes, alone (no
 * session, store, log or socket), the way {@code arbiter bench fix} uses them: the load generator encodes a
 * NewOrderSingle (D) and decodes an ExecutionReport (8) without a data dictionary, the node decodes the D and validates
 * it against the FIX 4.4 dictionary, and encodes the ExecutionReport. {@link #orderRoundTrip()} is the four together:
 * one request and one report, the least a FIX order can cost on this machine; the bench's CPU per request is compared
 * with it. Single-threaded state; produces garbage (QuickFIX/J messages are objects).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FixCodecBenchmark
{
    private static final String SENDING_TIME = "20261206-07:06:25.140";
    private static final String TRANSACT_TIME = "20261206-07:06:25.140935314";

    private DataDictionary dictionary;
    private String newOrderText;
    private String reportText;
    private int sequence;

    /**
     * Load the FIX 4.4 dictionary and build the texts decoded.
     *
     * @throws ConfigError if the dictionary cannot be loaded.
     */
    @Setup
    public void setUp() throws ConfigError
    {
        dictionary = new DataDictionary("FIX44.xml");
        newOrderText = newOrder().toString();
        reportText = executionReport().toString();
    }

    private Message newOrder()
    {
        final Message order = new quickfix.fix44.NewOrderSingle();
        header(order, "loadgen1", "ARBITER");
        order.setString(Symbol.FIELD, "BTC-USD");
        order.setChar(Side.FIELD, Side.BUY);
        order.setString(TransactTime.FIELD, SENDING_TIME);
        order.setChar(OrdType.FIELD, OrdType.LIMIT);
        order.setChar(TimeInForce.FIELD, TimeInForce.GOOD_TILL_CANCEL);
        order.setString(Price.FIELD, "99.97");
        order.setString(OrderQty.FIELD, "7");
        order.setString(ClOrdID.FIELD, "mxbhzm2t." + (123_456 + sequence));
        return order;
    }

    private Message executionReport()
    {
        final Message report = new quickfix.fix44.ExecutionReport();
        header(report, "ARBITER", "loadgen1");
        report.setString(OrderID.FIELD, Long.toString(5_265_337L + sequence));
        report.setString(ClOrdID.FIELD, "mxbhzm2t." + (123_456 + sequence));
        report.setString(ExecID.FIELD, "N" + (5_265_337L + sequence));
        report.setChar(ExecType.FIELD, ExecType.NEW);
        report.setChar(OrdStatus.FIELD, OrdStatus.NEW);
        report.setChar(Side.FIELD, Side.BUY);
        report.setString(Symbol.FIELD, "BTC-USD");
        report.setChar(OrdType.FIELD, OrdType.LIMIT);
        report.setChar(TimeInForce.FIELD, TimeInForce.GOOD_TILL_CANCEL);
        report.setString(Price.FIELD, "99.97");
        report.setString(OrderQty.FIELD, "7");
        report.setString(CumQty.FIELD, "0");
        report.setString(LeavesQty.FIELD, "7");
        report.setString(AvgPx.FIELD, "0");
        report.setString(TransactTime.FIELD, TRANSACT_TIME);
        return report;
    }

    private void header(final Message message, final String sender, final String target)
    {
        final Message.Header header = message.getHeader();
        header.setString(BeginString.FIELD, "FIX.4.4");
        header.setString(SenderCompID.FIELD, sender);
        header.setString(TargetCompID.FIELD, target);
        header.setInt(MsgSeqNum.FIELD, ++sequence);
        header.setString(SendingTime.FIELD, SENDING_TIME);
    }

    /**
     * @return the load generator's NewOrderSingle text.
     */
    @Benchmark
    public String encodeNewOrder()
    {
        return newOrder().toString();
    }

    /**
     * @return the node's NewOrderSingle, parsed and validated against the dictionary.
     * @throws Exception never (the text is valid).
     */
    @Benchmark
    public Message decodeAndValidateNewOrder() throws Exception
    {
        return decodeValidated(newOrderText);
    }

    /**
     * @return the node's ExecutionReport text.
     */
    @Benchmark
    public String encodeExecutionReport()
    {
        return executionReport().toString();
    }

    /**
     * @return the load generator's ExecutionReport, parsed without a dictionary.
     * @throws InvalidMessage never (the text is valid).
     */
    @Benchmark
    public Message decodeExecutionReport() throws InvalidMessage
    {
        return decode(reportText);
    }

    /**
     * @return one order's floor: D encoded, decoded and validated, 8 encoded and decoded.
     * @throws Exception never.
     */
    @Benchmark
    public Message orderRoundTrip() throws Exception
    {
        decodeValidated(newOrder().toString());
        return decode(executionReport().toString());
    }

    private Message decodeValidated(final String text) throws InvalidMessage, FieldNotFound, IncorrectDataFormat,
        IncorrectTagValue, UnsupportedMessageType
    {
        final Message message = new Message();
        message.fromString(text, dictionary, true);
        dictionary.validate(message);
        return message;
    }

    private static Message decode(final String text) throws InvalidMessage
    {
        final Message message = new Message();
        message.fromString(text, null, true);
        return message;
    }
}
