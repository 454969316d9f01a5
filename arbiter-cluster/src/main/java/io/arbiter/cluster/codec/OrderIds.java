package io.arbiter.cluster.codec;

/**
 * Exchange order ids in cluster mode: the gateway id in the high bits and the ingress sequence of the NEW command in
 * the low {@value #SEQUENCE_BITS} bits. Unique across gateways and restarts (a gateway's sequences never repeat for
 * its id while the cluster's state lives), known to the gateway as soon as it sends the NEW, and naming the gateway
 * that owns the order, so the service needs no ownership table to route a maker's report. Stateless.
 */
public final class OrderIds
{
    /** Bits of the ingress sequence. */
    public static final int SEQUENCE_BITS = 40;
    /** Largest gateway id (ids start at 1, so every order id is positive). */
    public static final int MAX_GATEWAY_ID = (1 << (63 - SEQUENCE_BITS)) - 1;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private OrderIds()
    {
    }

    /**
     * @param gatewayId      owning gateway, 1 to {@link #MAX_GATEWAY_ID}.
     * @param ingressSequence of the NEW command, 1 to 2^40 - 1.
     * @return the exchange order id.
     */
    public static long orderId(final int gatewayId, final long ingressSequence)
    {
        return ((long)gatewayId << SEQUENCE_BITS) | (ingressSequence & SEQUENCE_MASK);
    }

    /**
     * @param orderId an exchange order id.
     * @return the gateway that owns it.
     */
    public static int gatewayId(final long orderId)
    {
        return (int)(orderId >>> SEQUENCE_BITS);
    }

    /**
     * @param orderId an exchange order id.
     * @return the ingress sequence of its NEW command.
     */
    public static long ingressSequence(final long orderId)
    {
        return orderId & SEQUENCE_MASK;
    }
}
