package io.arbiter.fix;

import quickfix.FileStore;
import quickfix.FileStoreFactory;
import quickfix.FileUtil;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.RuntimeError;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates each session's {@link FixMessageStore} in one directory. A session that has no such store yet but a
 * QuickFIX/J {@code FileStore} there (a node of an earlier version wrote it) starts from a copy of it: creation time,
 * sequence numbers and the messages it holds, so a client that reconnects after the upgrade still gets what it missed.
 * Thread-safe; control plane, produces garbage.
 */
final class FixMessageStoreFactory implements MessageStoreFactory
{
    private final Path directory;

    /**
     * @param directory where the stores live ({@code data.dir/fix/store}).
     */
    FixMessageStoreFactory(final Path directory)
    {
        this.directory = directory;
    }

    @Override
    public MessageStore create(final SessionID sessionId)
    {
        final String name = FileUtil.sessionIdFileName(sessionId);
        try
        {
            final boolean upgrade = !Files.exists(directory.resolve(name + ".seqnums")) &&
                Files.exists(directory.resolve(name + ".senderseqnums"));
            final FixMessageStore store = new FixMessageStore(directory, name);
            if (upgrade)
            {
                final SessionSettings settings = new SessionSettings();
                settings.setString(sessionId, "FileStorePath", directory.toString());
                settings.setLong(sessionId, "FileStoreMaxCachedMsgs", 0);
                final FileStore earlier = (FileStore)new FileStoreFactory(settings).create(sessionId);
                try
                {
                    store.copyFrom(earlier);
                }
                finally
                {
                    earlier.close();
                }
            }
            return store;
        }
        catch (final IOException ex)
        {
            throw new RuntimeError(new UncheckedIOException("FIX session store of " + sessionId + " in " + directory,
                ex));
        }
    }
}
