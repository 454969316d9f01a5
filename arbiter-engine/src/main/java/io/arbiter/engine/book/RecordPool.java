package io.arbiter.engine.book;

import java.util.Arrays;

/**
 * A pool of fixed-size records of {@code long}s addressed by an {@code int} record index, in pages of
 * {@value #PAGE_RECORDS} records: the storage of {@link OrderExtras}. Free records are linked through one field of
 * theirs; a page is added (producing garbage) only when every record is in use. Owned by the matching thread.
 */
public final class RecordPool
{
    /** Records per page. */
    public static final int PAGE_RECORDS = 1 << 12;
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_MASK = PAGE_RECORDS - 1;
    private static final int NONE = -1;

    private final int stride;
    private final int linkField;
    private long[][] pages = new long[0][];
    private int free = NONE;
    private int inUse;
    private boolean preallocated;
    private long grown;

    /**
     * @param stride    longs per record.
     * @param linkField field that links a free record to the next.
     * @param capacity  records to make room for at once (rounded up to whole pages; 0 for none until needed).
     */
    public RecordPool(final int stride, final int linkField, final int capacity)
    {
        this.stride = stride;
        this.linkField = linkField;
        while (pages.length * PAGE_RECORDS < capacity)
        {
            addPage();
        }
        preallocated = true;
    }

    /**
     * Take a free record; its fields are left as they were. Produces garbage only when every record is in use.
     *
     * @return the record index.
     */
    public int acquire()
    {
        if (free == NONE)
        {
            addPage();
        }
        final int record = free;
        free = (int)get(record, linkField);
        inUse++;
        return record;
    }

    /**
     * @param record index of a record in use, to return to the pool.
     */
    public void release(final int record)
    {
        set(record, linkField, free);
        free = record;
        inUse--;
    }

    /**
     * @param record index.
     * @param field  within the record.
     * @return the field's value.
     */
    public long get(final int record, final int field)
    {
        return pages[record >>> PAGE_SHIFT][(record & PAGE_MASK) * stride + field];
    }

    /**
     * @param record index.
     * @param field  within the record.
     * @param value  to store.
     */
    public void set(final int record, final int field, final long value)
    {
        pages[record >>> PAGE_SHIFT][(record & PAGE_MASK) * stride + field] = value;
    }

    /**
     * @param record index.
     * @param field  within the record.
     * @param delta  added to the field.
     */
    public void add(final int record, final int field, final long delta)
    {
        pages[record >>> PAGE_SHIFT][(record & PAGE_MASK) * stride + field] += delta;
    }

    /**
     * @param record index.
     * @param field  within the record.
     * @param value  stored in the field's low 32 bits, its high 32 bits kept.
     */
    public void setLow(final int record, final int field, final int value)
    {
        final long[] page = pages[record >>> PAGE_SHIFT];
        final int i = (record & PAGE_MASK) * stride + field;
        page[i] = (page[i] & ~0xFFFF_FFFFL) | (value & 0xFFFF_FFFFL);
    }

    /**
     * @param record index.
     * @param field  within the record.
     * @param value  stored in the field's high 32 bits, its low 32 bits kept.
     */
    public void setHigh(final int record, final int field, final int value)
    {
        final long[] page = pages[record >>> PAGE_SHIFT];
        final int i = (record & PAGE_MASK) * stride + field;
        page[i] = (page[i] & 0xFFFF_FFFFL) | (long)value << 32;
    }

    /**
     * @return records in use.
     */
    public int inUse()
    {
        return inUse;
    }

    /**
     * @return records the pool holds, in use or free.
     */
    public int capacity()
    {
        return pages.length * PAGE_RECORDS;
    }

    /**
     * @return records added beyond those preallocated at construction.
     */
    public long grown()
    {
        return grown;
    }

    private void addPage()
    {
        if (preallocated)
        {
            grown += PAGE_RECORDS;
        }
        final int first = pages.length * PAGE_RECORDS;
        pages = Arrays.copyOf(pages, pages.length + 1);
        final long[] page = new long[PAGE_RECORDS * stride];
        pages[pages.length - 1] = page;
        for (int i = PAGE_RECORDS - 1; i >= 0; i--)
        {
            page[i * stride + linkField] = free;
            free = first + i;
        }
    }
}
