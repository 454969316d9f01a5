package io.arbiter.cluster.codec;

import io.arbiter.journal.JournalDescriptor;

/**
 * Layout of a gateway's ingress message to the clustered engine; stateless. All fields are little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   Message Type (1 = COMMANDS, 2 = RESYNC, 3 = MARKET_DATA)    |  0
 *  +---------------------------------------------------------------+
 *  |                          Gateway Id                           |  4
 *  +---------------------------------------------------------------+
 *  |        First Ingress Sequence (COMMANDS; 0 for RESYNC)        |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Egress Received (highest egress sequence held in order)  | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |   COMMANDS: command records, back to back, in the journal's   | 24
 *  |   encoding ({@link JournalDescriptor}, 104 bytes each)         |
 *  +---------------------------------------------------------------+
 * </pre>
 * The records of one COMMANDS message carry the ingress sequences {@code first, first + 1, ...}: a gateway numbers
 * its commands from 1 without gaps. In each record the service reads the command fields and the client order id
 * field; it overwrites the sequence and timestamp with its own (from the log). A NEW's order id is set by the service
 * to {@link OrderIds#orderId(int, long)} of the gateway and the record's ingress sequence; a CANCEL or REPLACE names
 * its target by that id. RESYNC asks the service to send again every retained report message after Egress Received
 * and to say which ingress sequence it applied last (see {@link EgressDescriptor#TYPE_RESYNC_REPLY}). MARKET_DATA
 * (header only) subscribes the gateway to the public market data of every instrument: at its place in the log the
 * service writes the aggregated book of every instrument (BOOK_LEVEL reports, then BOOK_END) into the gateway's
 * stream, and from then on every public trade and level change (PUBLIC_TRADE, LEVEL, LEVELS_END), retained and resent
 * after a failover like every other report. The subscription is replicated state and lasts as long as the cluster's.
 * <p>
 * A COMMANDS record whose record type byte ({@link JournalDescriptor#RECORD_TYPE_OFFSET}) is {@link #RECORD_TYPE_QUERY}
 * instead of the journal's command type is a session's read-only query (the cluster's own record type; it never
 * reaches a journal). It is numbered, resent and de-duplicated like a command, so its answer comes in order with the
 * gateway's commands and survives a failover, but it changes no engine state: the service answers it from the state
 * at that point of the log, into the gateway's stream (OPEN_ORDER, BALANCE_ENTRY or NO_ENTRIES reports, see
 * {@link EgressDescriptor}). Its fields: the query kind ({@link #QUERY_OPEN_ORDERS} or {@link #QUERY_BALANCES}) in the
 * command type byte, the account, the instrument id (open orders of one instrument, or
 * {@link io.arbiter.engine.Command#ALL_INSTRUMENTS}) and the order id field (open orders with a larger unsigned order
 * id only), checksum as for a command.
 */
public final class IngressDescriptor
{
    /** A batch of command records. */
    public static final int TYPE_COMMANDS = 1;
    /** A gateway (re)connected: resend retained reports and tell the last applied ingress sequence. */
    public static final int TYPE_RESYNC = 2;
    /** Subscribe the gateway to market data, answered with the book of every instrument. */
    public static final int TYPE_MARKET_DATA = 3;

    /** Record type of a session's query inside a COMMANDS message (the journal's commands are type 1). */
    public static final byte RECORD_TYPE_QUERY = 2;
    /** Query kind: the account's open orders sent through this gateway. */
    public static final int QUERY_OPEN_ORDERS = 0;
    /** Query kind: the account's balances. */
    public static final int QUERY_BALANCES = 1;

    /** Offset of the message type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the gateway id. */
    public static final int GATEWAY_ID_OFFSET = 4;
    /** Offset of the first record's ingress sequence. */
    public static final int FIRST_SEQUENCE_OFFSET = 8;
    /** Offset of the highest egress sequence the gateway holds in order. */
    public static final int EGRESS_RECEIVED_OFFSET = 16;
    /** Length of the header, and offset of the first record. */
    public static final int HEADER_LENGTH = 24;
    /** Length of one command record. */
    public static final int RECORD_LENGTH = JournalDescriptor.COMMAND_RECORD_LENGTH;

    private IngressDescriptor()
    {
    }

    /**
     * @param recordCount records in a COMMANDS message.
     * @return the message length.
     */
    public static int commandsLength(final int recordCount)
    {
        return HEADER_LENGTH + recordCount * RECORD_LENGTH;
    }

    /**
     * @param messageLength length of a COMMANDS message.
     * @return how many whole records it holds.
     */
    public static int recordCount(final int messageLength)
    {
        return Math.max(0, (messageLength - HEADER_LENGTH) / RECORD_LENGTH);
    }
}
