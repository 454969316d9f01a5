package io.arbiter.fix;

/**
 * An OrderMassCancelRequest (q) sent on to the ring and not yet answered: what its OrderMassCancelReport (r) echoes.
 * Immutable; made by the FIX input thread, read by the report publisher.
 */
final class FixMassCancel
{
    final String clOrdId;
    final char requestType;
    final String symbol;

    /**
     * @param clOrdId     ClOrdID (11) of the request.
     * @param requestType MassCancelRequestType (530): {@code 1} one symbol, {@code 7} all orders.
     * @param symbol      the symbol of a type 1 request, else null.
     */
    FixMassCancel(final String clOrdId, final char requestType, final String symbol)
    {
        this.clOrdId = clOrdId;
        this.requestType = requestType;
        this.symbol = symbol;
    }
}
