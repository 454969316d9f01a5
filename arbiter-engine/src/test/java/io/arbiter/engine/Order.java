package io.arbiter.engine;

/**
 * A resting order, pooled and reused. Linked into its {@link PriceLevel} in time priority, which also gives its price
 * and side; while free, {@link #next} links the pool's free list. Owned by the matching thread.
 */
final class Order
{
    long orderId;
    long account;
    long remaining;
    long acceptance;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    PriceLevel level;
    Order prev;
    Order next;
}
