package io.arbiter.engine.book.price;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link PriceIndex} as a B+ tree with {@code long[]} keys, doubly linked leaves and nodes taken from an internal
 * pool, so steady state allocates nothing. A node that falls below a quarter full merges with a sibling when both fit
 * in three quarters of a node (no borrowing), which bounds the node count while leaving slack against split-merge
 * thrashing; the root collapses when it has one child. Single threaded.
 *
 * @param <V> the level type.
 */
public final class BPlusTreePriceIndex<V> implements PriceIndex<V>
{
    /** Default maximum entries per node. */
    public static final int DEFAULT_FAN_OUT = 32;
    private static final int DEFAULT_INITIAL_NODES = 16;
    private static final int MIN_FAN_OUT = 4;

    private final int fanOut;
    private final int minCount;
    private final int mergeLimit;
    private Node[] pool;
    private int pooled;
    private int allocatedNodes;

    private Node[] pathNodes = new Node[16];
    private int[] pathIndexes = new int[16];

    private Node root;
    private Node head;
    private Node tail;
    private int height = 1;
    private int size;

    /**
     * An index with the default fan-out and a small pool of preallocated nodes.
     */
    public BPlusTreePriceIndex()
    {
        this(DEFAULT_INITIAL_NODES, DEFAULT_FAN_OUT);
    }

    /**
     * An index with the default fan-out.
     *
     * @param initialNodes nodes to preallocate, at least 1.
     */
    public BPlusTreePriceIndex(final int initialNodes)
    {
        this(initialNodes, DEFAULT_FAN_OUT);
    }

    /**
     * An index with a given fan-out.
     *
     * @param initialNodes nodes to preallocate, at least 1.
     * @param fanOut       maximum entries (keys in a leaf, children in an inner node) per node, at least 4.
     */
    public BPlusTreePriceIndex(final int initialNodes, final int fanOut)
    {
        if (initialNodes < 1 || fanOut < MIN_FAN_OUT)
        {
            throw new IllegalArgumentException("initialNodes=" + initialNodes + " fanOut=" + fanOut);
        }
        this.fanOut = fanOut;
        this.minCount = Math.max(1, fanOut / 4);
        this.mergeLimit = (3 * fanOut) / 4;
        pool = new Node[Math.max(initialNodes, 16)];
        for (int i = 0; i < initialNodes; i++)
        {
            pool[pooled++] = new Node(fanOut);
        }
        allocatedNodes = initialNodes;
        root = acquire(true);
        head = root;
        tail = root;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V get(final long price)
    {
        final Node leaf = leafFor(price);
        final int position = Arrays.binarySearch(leaf.keys, 0, leaf.count, price);
        return position >= 0 ? (V)leaf.slots[position] : null;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the price is not positive or is already present.
     */
    public void put(final long price, final V value)
    {
        Objects.requireNonNull(value, "value");
        if (price <= 0)
        {
            throw new IllegalArgumentException("price must be positive: " + price);
        }
        final Node leaf = descend(price);
        final int found = Arrays.binarySearch(leaf.keys, 0, leaf.count, price);
        if (found >= 0)
        {
            throw new IllegalArgumentException("price already present: " + price);
        }
        final int position = -found - 1;
        size++;
        if (leaf.count < fanOut)
        {
            leaf.insert(position, price, value);
            return;
        }

        Node right = splitLeaf(leaf, position, price, value);
        long separator = right.keys[0];
        for (int depth = height - 2; depth >= 0; depth--)
        {
            final Node parent = pathNodes[depth];
            final int childPosition = pathIndexes[depth] + 1;
            if (parent.count < fanOut)
            {
                parent.insert(childPosition, separator, right);
                return;
            }
            right = splitInner(parent, childPosition, separator, right);
            separator = right.keys[0];
        }

        final Node newRoot = acquire(false);
        newRoot.slots[0] = root;
        newRoot.keys[1] = separator;
        newRoot.slots[1] = right;
        newRoot.count = 2;
        root = newRoot;
        height++;
    }

    /**
     * {@inheritDoc}
     */
    public V remove(final long price)
    {
        final Node leaf = descend(price);
        final int position = Arrays.binarySearch(leaf.keys, 0, leaf.count, price);
        if (position < 0)
        {
            return null;
        }
        @SuppressWarnings("unchecked")
        final V value = (V)leaf.slots[position];
        leaf.delete(position);
        size--;

        if (0 == size)
        {
            clear();
            return value;
        }
        Node node = leaf;
        for (int depth = height - 1; depth > 0 && node.count < minCount; depth--)
        {
            final Node parent = pathNodes[depth - 1];
            final int index = pathIndexes[depth - 1];
            if (0 == node.count)
            {
                removeChild(parent, index, node);
            }
            else
            {
                final int leftIndex = index > 0 ? index - 1 : 0;
                if (leftIndex + 1 >= parent.count)
                {
                    break;
                }
                final Node left = (Node)parent.slots[leftIndex];
                final Node right = (Node)parent.slots[leftIndex + 1];
                if (left.count + right.count > mergeLimit)
                {
                    break;
                }
                right.keys[0] = right.leaf ? right.keys[0] : parent.keys[leftIndex + 1];
                System.arraycopy(right.keys, 0, left.keys, left.count, right.count);
                System.arraycopy(right.slots, 0, left.slots, left.count, right.count);
                left.count += right.count;
                Arrays.fill(right.slots, 0, right.count, null);
                right.count = 0;
                removeChild(parent, leftIndex + 1, right);
            }
            node = parent;
        }

        while (height > 1 && 1 == root.count)
        {
            final Node oldRoot = root;
            root = (Node)oldRoot.slots[0];
            oldRoot.slots[0] = null;
            oldRoot.count = 0;
            release(oldRoot);
            height--;
        }
        return value;
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V lower(final long price)
    {
        final Node leaf = leafFor(price);
        final int found = Arrays.binarySearch(leaf.keys, 0, leaf.count, price);
        final int position = (found >= 0 ? found : -found - 1) - 1;
        if (position >= 0)
        {
            return (V)leaf.slots[position];
        }
        final Node previous = leaf.prev;
        return null == previous ? null : (V)previous.slots[previous.count - 1];
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V higher(final long price)
    {
        final Node leaf = leafFor(price);
        final int found = Arrays.binarySearch(leaf.keys, 0, leaf.count, price);
        final int position = found >= 0 ? found + 1 : -found - 1;
        if (position < leaf.count)
        {
            return (V)leaf.slots[position];
        }
        final Node next = leaf.next;
        return null == next ? null : (V)next.slots[0];
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V first()
    {
        return 0 == size ? null : (V)head.slots[0];
    }

    /**
     * {@inheritDoc}
     */
    @SuppressWarnings("unchecked")
    public V last()
    {
        return 0 == size ? null : (V)tail.slots[tail.count - 1];
    }

    /**
     * {@inheritDoc}
     */
    public int size()
    {
        return size;
    }

    /**
     * {@inheritDoc}
     */
    public void clear()
    {
        releaseSubtree(root, height);
        root = acquire(true);
        head = root;
        tail = root;
        height = 1;
        size = 0;
    }

    /**
     * Number of nodes allocated so far, pooled or in use: growth past the preallocated pool is the only allocation.
     *
     * @return nodes allocated.
     */
    public int allocatedNodes()
    {
        return allocatedNodes;
    }

    /**
     * Levels of nodes from the root to the leaves, 1 when the root is a leaf.
     *
     * @return current height.
     */
    public int height()
    {
        return height;
    }

    private Node leafFor(final long price)
    {
        Node node = root;
        for (int depth = height - 1; depth > 0; depth--)
        {
            node = (Node)node.slots[node.childIndex(price)];
        }
        return node;
    }

    private Node descend(final long price)
    {
        if (pathNodes.length < height)
        {
            pathNodes = Arrays.copyOf(pathNodes, height * 2);
            pathIndexes = Arrays.copyOf(pathIndexes, height * 2);
        }
        Node node = root;
        for (int depth = 0; depth < height - 1; depth++)
        {
            final int index = node.childIndex(price);
            pathNodes[depth] = node;
            pathIndexes[depth] = index;
            node = (Node)node.slots[index];
        }
        return node;
    }

    private Node splitLeaf(final Node leaf, final int position, final long price, final Object value)
    {
        final Node right = acquire(true);
        final int keep = fanOut / 2;
        moveUpperHalf(leaf, right, keep);
        if (position <= keep)
        {
            leaf.insert(position, price, value);
        }
        else
        {
            right.insert(position - keep, price, value);
        }

        right.prev = leaf;
        right.next = leaf.next;
        if (null == leaf.next)
        {
            tail = right;
        }
        else
        {
            leaf.next.prev = right;
        }
        leaf.next = right;
        return right;
    }

    private Node splitInner(final Node node, final int position, final long separator, final Node child)
    {
        final Node right = acquire(false);
        final int keep = fanOut / 2;
        moveUpperHalf(node, right, keep);
        if (position <= keep)
        {
            node.insert(position, separator, child);
        }
        else
        {
            right.insert(position - keep, separator, child);
        }
        return right;
    }

    private static void moveUpperHalf(final Node from, final Node to, final int keep)
    {
        final int moved = from.count - keep;
        System.arraycopy(from.keys, keep, to.keys, 0, moved);
        System.arraycopy(from.slots, keep, to.slots, 0, moved);
        Arrays.fill(from.slots, keep, from.count, null);
        to.count = moved;
        from.count = keep;
    }

    private void removeChild(final Node parent, final int index, final Node child)
    {
        if (child.leaf)
        {
            unlink(child);
        }
        release(child);
        parent.delete(index);
    }

    private void unlink(final Node leaf)
    {
        if (null == leaf.prev)
        {
            head = leaf.next;
        }
        else
        {
            leaf.prev.next = leaf.next;
        }
        if (null == leaf.next)
        {
            tail = leaf.prev;
        }
        else
        {
            leaf.next.prev = leaf.prev;
        }
    }

    private void releaseSubtree(final Node node, final int levels)
    {
        if (levels > 1)
        {
            for (int i = 0; i < node.count; i++)
            {
                releaseSubtree((Node)node.slots[i], levels - 1);
            }
        }
        Arrays.fill(node.slots, 0, node.count, null);
        node.count = 0;
        release(node);
    }

    private Node acquire(final boolean leaf)
    {
        final Node node;
        if (pooled > 0)
        {
            node = pool[--pooled];
            pool[pooled] = null;
        }
        else
        {
            allocatedNodes++;
            if (allocatedNodes > pool.length)
            {
                pool = Arrays.copyOf(pool, pool.length * 2);
            }
            node = new Node(fanOut);
        }
        node.leaf = leaf;
        return node;
    }

    private void release(final Node node)
    {
        node.prev = null;
        node.next = null;
        pool[pooled++] = node;
    }

    private static final class Node
    {
        final long[] keys;
        final Object[] slots;
        int count;
        boolean leaf;
        Node prev;
        Node next;

        Node(final int fanOut)
        {
            keys = new long[fanOut];
            slots = new Object[fanOut];
        }

        /**
         * Inner nodes: child i holds keys in [keys[i], keys[i + 1]); keys[0] only matters to the parent's split.
         */
        int childIndex(final long price)
        {
            int low = 1;
            int high = count - 1;
            int result = 0;
            while (low <= high)
            {
                final int middle = (low + high) >>> 1;
                if (keys[middle] <= price)
                {
                    result = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return result;
        }

        void insert(final int position, final long key, final Object slot)
        {
            final int tailLength = count - position;
            if (tailLength > 0)
            {
                System.arraycopy(keys, position, keys, position + 1, tailLength);
                System.arraycopy(slots, position, slots, position + 1, tailLength);
            }
            keys[position] = key;
            slots[position] = slot;
            count++;
        }

        void delete(final int position)
        {
            final int tailLength = count - position - 1;
            if (tailLength > 0)
            {
                System.arraycopy(keys, position + 1, keys, position, tailLength);
                System.arraycopy(slots, position + 1, slots, position, tailLength);
            }
            count--;
            slots[count] = null;
        }
    }
}
