package io.arbiter.engine;

/**
 * Receives the price levels a command changed, synchronously on the matching thread, after all of that command's
 * {@link ExecutionListener} events. A level is reported once per command with its final state, and only if its total
 * quantity or its order count differs from what it was before the command; a level that changed and came back is not
 * reported, and a rejected command reports nothing. Order: instrument by instrument in the order they were defined,
 * within an instrument the BUY levels first then the SELL levels, within a side the best price first.
 * Implementations must not call back into the engine.
 */
public interface LevelListener
{
    /**
     * One price level's state after a command.
     *
     * @param instrumentId  of the book.
     * @param side          of the level.
     * @param price         of the level in {@link Prices} units.
     * @param totalQuantity total remaining quantity of its orders; 0 when the level is gone.
     * @param orderCount    number of orders resting at it; 0 when the level is gone.
     */
    void onLevel(int instrumentId, Side side, long price, long totalQuantity, int orderCount);

    /**
     * The last level of a command that reported at least one has been given; called once after such a command's
     * {@link #onLevel} calls, and not at all for a command that changed no level.
     */
    default void onLevelsEnd()
    {
    }
}
