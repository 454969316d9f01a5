package io.arbiter.bench.engine;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The machine's floor for a replayed tape: per command only the memory touches that any price-time book keyed by
 * random order ids cannot avoid, on tables of the engine's sizes, with no matching logic. An order that rests is found
 * by its id through a hash table (one table line), whose slot names the order's record (a second line, read only
 * after the first); a maker is reached through its level's queue (its record) and, once filled, leaves the table (its
 * line); a cancel or replace looks its order up (both lines); a cancel of an unknown id reads the table line only; a
 * new order that rests writes its table slot and a record taken from a last-in-first-out free list. The table has the
 * engine index's slots and hash; the records are 32 bytes (the engine's are 40), so that a record's id and quantity
 * never span two cache lines. Price levels,
 * queue links, neighbours, holds and events are left out: they are either few enough to stay in cache (1,000 levels)
 * or not needed by every book. The touches come from a {@link FloorRecorder} that listened to the same tape applied to
 * a copy of the same book, so the floor reuses exactly the ids, order of first use and record recycling of the run it
 * is a floor for. Built and run by one thread; building produces garbage, running does not.
 */
public final class MemoryFloor
{
    /** Touch: read the id's table slot, then the record it names, and update that record (a cancel, a replace). */
    static final byte LOOKUP = 0;
    /** Touch: write the id's table slot and its new record (a new order that rests). */
    static final byte INSERT = 1;
    /** Touch: update a record reached without the table (a partially filled maker at the front of its queue). */
    static final byte RECORD = 2;
    /** Touch: read the id's table slot only (an id that rests nowhere). */
    static final byte PROBE = 3;

    private static final ThreadMXBean THREAD_MX_BEAN = ManagementFactory.getThreadMXBean();
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int GROUP_SHIFT = 4;
    private static final int GROUP_MASK = 15;
    private static final int STRIDE = 4;
    private static final int REMAINING = 1;

    private final int[] table;
    private final long groups;
    private final long[] records;
    private final long[] ids;
    private final int[] recordOfTouch;
    private final byte[] kinds;
    private final int touches;
    private final int commands;
    private long sink;
    private long lastWallNanos;
    private long chainMask;

    /**
     * @param tableSlots    slots of the id table (the engine's index capacity).
     * @param recordCount   records (the engine's order pool).
     * @param recorder      the touches of the tape.
     */
    MemoryFloor(final int tableSlots, final int recordCount, final FloorRecorder recorder)
    {
        groups = (long)tableSlots >>> GROUP_SHIFT;
        table = new int[(int)(groups << GROUP_SHIFT)];
        records = new long[recordCount * STRIDE];
        touches = recorder.touches();
        commands = recorder.commands();
        ids = Arrays.copyOf(recorder.ids(), touches);
        kinds = Arrays.copyOf(recorder.kinds(), touches);
        recordOfTouch = new int[touches];
        assignRecords(recorder, recordCount);
    }

    /**
     * Give every id the record the engine's pool would: the orders of the snapshot in walk order from record 0 (as
     * the replayed copy restored them), new orders from a last-in-first-out list of freed records, then fill the
     * table with each id's record and each record with its id.
     */
    private void assignRecords(final FloorRecorder recorder, final int recordCount)
    {
        Arrays.fill(table, -1);
        final Long2LongHashMap recordOfId = new Long2LongHashMap(-1);
        int nextFresh = 0;
        final long[] restingIds = recorder.restingIds();
        for (int i = 0; i < recorder.restingCount(); i++)
        {
            recordOfId.put(restingIds[i], nextFresh++);
        }
        final IntArrayList freed = new IntArrayList();
        final boolean[] removes = recorder.removes();
        for (int i = 0; i < touches; i++)
        {
            final long id = ids[i];
            int record = (int)recordOfId.get(id);
            if (kinds[i] == INSERT)
            {
                if (freed.isEmpty())
                {
                    if (nextFresh == recordCount)
                    {
                        throw new IllegalStateException("floor record pool exhausted at " + recordCount);
                    }
                    record = nextFresh++;
                }
                else
                {
                    record = freed.popInt();
                }
                recordOfId.put(id, record);
            }
            else if (record < 0 && kinds[i] != PROBE)
            {
                throw new IllegalStateException("touch of an order the floor never saw rest: " + id);
            }
            recordOfTouch[i] = record;
            if (record >= 0)
            {
                table[slot(id)] = record;
                records[record * STRIDE] = id;
            }
            if (removes[i])
            {
                recordOfId.remove(id);
                freed.pushInt(record);
            }
        }
    }

    /**
     * Run every touch once. Allocates nothing.
     *
     * @param chained false to let the processor overlap the touches of different commands as far as it can (the
     *                machine's ceiling); true to make every touch's address depend on the value the touch before it
     *                read, so that each miss waits for the one before (the floor of a book that overlaps nothing).
     * @return nanoseconds of the calling thread's CPU time the run took; the wall time is in {@link #lastWallNanos}.
     */
    public long run(final boolean chained)
    {
        final long cpuStart = THREAD_MX_BEAN.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        sink += chained ? touchChained() : touchAll();
        lastWallNanos = System.nanoTime() - start;
        return THREAD_MX_BEAN.getCurrentThreadCpuTime() - cpuStart;
    }

    /**
     * @return wall nanoseconds of the last {@link #run(boolean)}.
     */
    public long lastWallNanos()
    {
        return lastWallNanos;
    }

    private long touchAll()
    {
        final int[] table = this.table;
        final long[] records = this.records;
        final long[] ids = this.ids;
        final byte[] kinds = this.kinds;
        final int[] recordOfTouch = this.recordOfTouch;
        long found = 0;
        for (int i = 0; i < touches; i++)
        {
            final long id = ids[i];
            switch (kinds[i])
            {
                case LOOKUP:
                {
                    // The record's address is the table slot's content: the second miss waits for the first.
                    final int record = table[slot(id)];
                    final int base = record * STRIDE;
                    if (records[base] == id)
                    {
                        records[base + REMAINING]--;
                        found++;
                    }
                    break;
                }
                case INSERT:
                {
                    final int record = recordOfTouch[i];
                    table[slot(id)] = record;
                    records[record * STRIDE] = id;
                    break;
                }
                case RECORD:
                    records[recordOfTouch[i] * STRIDE + REMAINING]--;
                    break;
                default:
                    found += table[slot(id)];
                    break;
            }
        }
        return found;
    }

    private long touchChained()
    {
        final int[] table = this.table;
        final long[] records = this.records;
        final long[] ids = this.ids;
        final byte[] kinds = this.kinds;
        final int[] recordOfTouch = this.recordOfTouch;
        final long zero = chainMask;
        long last = 0;
        for (int i = 0; i < touches; i++)
        {
            // zero is always 0 but not known to the compiler: each address depends on the previous touch's read.
            final long id = ids[i] ^ (last & zero);
            final byte kind = kinds[i];
            if (kind == INSERT)
            {
                final int record = recordOfTouch[i];
                table[slot(id)] = record;
                records[record * STRIDE] = id;
            }
            else if (kind == RECORD)
            {
                last = records[(recordOfTouch[i] ^ (int)(last & zero)) * STRIDE + REMAINING]--;
            }
            else
            {
                final int entry = table[slot(id)];
                last = entry;
                if (kind == LOOKUP)
                {
                    final int base = entry * STRIDE;
                    last = records[base];
                    if (last == id)
                    {
                        records[base + REMAINING]--;
                    }
                }
            }
        }
        return last;
    }

    /**
     * The engine index's home slot of an id: its group of 16 consecutive ids is scattered by a Fibonacci hash reduced
     * to the number of groups, the low 4 bits pick the slot within the group's line.
     */
    private int slot(final long id)
    {
        final long hash = ((id >>> GROUP_SHIFT) * GOLDEN) >>> 32;
        return (int)((hash * groups) >>> 32) << GROUP_SHIFT | (int)id & GROUP_MASK;
    }

    /**
     * @return commands of the tape the touches come from.
     */
    public int commands()
    {
        return commands;
    }

    /**
     * @return touches per run.
     */
    public int touches()
    {
        return touches;
    }

    /**
     * @return cache lines a run touches that the model counts as possibly cold: two per lookup and insert, one per
     *         record update and probe.
     */
    public long lines()
    {
        long lines = 0;
        for (int i = 0; i < touches; i++)
        {
            lines += kinds[i] == LOOKUP || kinds[i] == INSERT ? 2 : 1;
        }
        return lines;
    }

    /**
     * @param kind {@link #LOOKUP}, {@link #INSERT}, {@link #RECORD} or {@link #PROBE}.
     * @return touches of that kind per run.
     */
    int count(final byte kind)
    {
        int count = 0;
        for (int i = 0; i < touches; i++)
        {
            count += kinds[i] == kind ? 1 : 0;
        }
        return count;
    }

    /**
     * @return a value depending on every run's reads, so that the JIT keeps them.
     */
    public long sink()
    {
        return sink;
    }
}
