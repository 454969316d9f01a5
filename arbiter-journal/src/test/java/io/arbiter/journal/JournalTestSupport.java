package io.arbiter.journal;

import io.arbiter.engine.Command;
import io.arbiter.engine.MatchingEngine;
import io.arbiter.engine.NoOpExecutionListener;

import io.arbiter.engine.support.CommandGenerator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers shared by the journal tests: drive a writer and an engine like the server does, and damage files.
 */
final class JournalTestSupport
{
    private JournalTestSupport()
    {
    }

    /**
     * Append, commit and then apply {@code count} generated commands in batches, as the server's matching thread does.
     *
     * @return the last sequence written.
     */
    static long drive(
        final JournalWriter writer,
        final MatchingEngine engine,
        final CommandGenerator generator,
        final int count,
        final int batchSize)
    {
        final Command[] batch = new Command[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            batch[i] = new Command();
        }
        long sequence = writer.lastSequence();
        int done = 0;
        while (done < count)
        {
            final int size = Math.min(batchSize, count - done);
            for (int i = 0; i < size; i++)
            {
                generator.next(batch[i], ++sequence);
                if (!writer.append(batch[i]))
                {
                    throw new IllegalStateException("append refused at " + sequence);
                }
            }
            writer.commit(batch[size - 1].timestampNs());
            if (engine != null)
            {
                for (int i = 0; i < size; i++)
                {
                    engine.onCommand(batch[i]);
                }
            }
            done += size;
        }
        return sequence;
    }

    /**
     * @return the state hash of a standard engine after the first {@code count} commands of a standalone generator.
     */
    static long hashAfter(final long seed, final int count)
    {
        final MatchingEngine engine = CommandGenerator.newStandardEngine(NoOpExecutionListener.INSTANCE);
        final CommandGenerator generator = CommandGenerator.standalone(seed);
        final Command command = new Command();
        for (int i = 1; i <= count; i++)
        {
            engine.onCommand(generator.next(command, i));
        }
        return engine.stateHash();
    }

    static List<String> warnings(final JournalContext context)
    {
        final List<String> warnings = new ArrayList<>();
        context.warningSink(warnings::add);
        return warnings;
    }

    static void truncate(final Path file, final long size) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(size);
        }
    }

    static void flipByte(final Path file, final long position) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[(int)position] ^= 0x5A;
        Files.write(file, bytes);
    }
}
