package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.support.CommandGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class JournalAllocationTest
{
    private static final int BATCH = 16;
    /**
     * HotSpot allocates a few hundred bytes, once, on the thread that triggers a C2 compile (it resolves the string
     * constants of the compiled method's class), so a single window may see JIT warm-up. Allocation per append or
     * commit would show in every window; one window with zero bytes proves there is none.
     */
    private static final int MAX_ATTEMPTS = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DurabilityPolicy.class)
    void shouldAppendAndCommitWithoutAllocating(final DurabilityPolicy policy)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeAllocationCounting(threads);
        final long threadId = Thread.currentThread().getId();
        final JournalContext context = new JournalContext().dataDir(dir).durability(policy)
            .forceIntervalNs(10_000_000).writeBufferSize(BATCH * JournalDescriptor.COMMAND_RECORD_LENGTH * 2);
        final int batches = policy == DurabilityPolicy.BATCH ? 200 : 20_000;
        final Command[] commands = new Command[BATCH * 64];
        final CommandGenerator generator = CommandGenerator.standalone(77);
        for (int i = 0; i < commands.length; i++)
        {
            commands[i] = generator.next(new Command(), 0);
        }

        try (JournalWriter writer = new JournalWriter(context, 0))
        {
            run(writer, commands, batches);
            final StringBuilder attempts = new StringBuilder();
            boolean clean = false;
            for (int attempt = 0; attempt < MAX_ATTEMPTS && !clean; attempt++)
            {
                final long before = threads.getThreadAllocatedBytes(threadId);
                run(writer, commands, batches);
                final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
                attempts.append(allocated).append(' ');
                clean = allocated == 0;
            }

            assertTrue(clean, policy + ": bytes allocated per attempt of " + batches + " batches of " + BATCH + ": " +
                attempts);
            assertEquals(0, writer.rollCount());
            if (policy != DurabilityPolicy.NONE)
            {
                assertTrue(writer.forceCount() > 0);
            }
        }
    }

    private static void run(final JournalWriter writer, final Command[] commands, final int batches)
    {
        long nowNs = writer.lastSequence() * 10_000;
        for (int b = 0; b < batches; b++)
        {
            for (int i = 0; i < BATCH; i++)
            {
                final Command command = commands[(b * BATCH + i) % commands.length];
                command.sequence(writer.lastSequence() + 1).timestampNs(nowNs);
                if (!writer.append(command))
                {
                    throw new IllegalStateException("append refused");
                }
            }
            nowNs += 100_000;
            writer.commit(nowNs);
        }
    }

    private static void assumeAllocationCounting(final com.sun.management.ThreadMXBean threads)
    {
        if (!threads.isThreadAllocatedMemorySupported())
        {
            org.junit.jupiter.api.Assumptions.abort("thread allocation counting not supported");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        final long a = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        final long b = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertEquals(0, b - a, "measuring must not allocate");
    }
}
