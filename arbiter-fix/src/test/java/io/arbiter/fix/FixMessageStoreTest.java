package io.arbiter.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.FileStoreFactory;
import quickfix.FileUtil;
import quickfix.MessageStore;
import quickfix.SessionID;
import quickfix.SessionSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixMessageStoreTest
{
    private static final SessionID SESSION = new SessionID("FIX.4.4", "ARBITER", "alice");

    @TempDir
    Path dir;

    private static String message(final int sequence, final String text)
    {
        return "8=FIX.4.4\u00019=10\u000135=8\u000134=" + sequence + "\u000158=" + text + "\u000110=000\u0001";
    }

    @Test
    void shouldKeepMessagesAndSequenceNumbersAcrossAReopen() throws Exception
    {
        final MessageStore store = new FixMessageStoreFactory(dir).create(SESSION);
        assertEquals(1, store.getNextSenderMsgSeqNum());
        assertEquals(1, store.getNextTargetMsgSeqNum());
        final long created = store.getCreationTime().getTime();
        for (int sequence = 1; sequence <= 5; sequence++)
        {
            assertTrue(store.set(sequence, message(sequence, "report " + sequence + " \u00e9")));
            store.incrNextSenderMsgSeqNum();
        }
        store.incrNextTargetMsgSeqNum();
        store.incrNextTargetMsgSeqNum();
        ((FixMessageStore)store).close();

        final MessageStore reopened = new FixMessageStoreFactory(dir).create(SESSION);
        assertEquals(6, reopened.getNextSenderMsgSeqNum());
        assertEquals(3, reopened.getNextTargetMsgSeqNum());
        assertEquals(created, reopened.getCreationTime().getTime());
        final List<String> found = new ArrayList<>();
        reopened.get(2, 4, found);
        assertEquals(List.of(message(2, "report 2 \u00e9"), message(3, "report 3 \u00e9"),
            message(4, "report 4 \u00e9")), found);
        found.clear();
        reopened.get(4, 100, found);
        assertEquals(List.of(message(4, "report 4 \u00e9"), message(5, "report 5 \u00e9")), found);
    }

    @Test
    void shouldLeaveOutSequenceNumbersItNeverStoredAndStartAgainAfterAReset() throws Exception
    {
        final MessageStore store = new FixMessageStoreFactory(dir).create(SESSION);
        store.set(1, message(1, "a"));
        store.set(3, message(3, "c"));
        store.set((1 << 20) + 7, message((1 << 20) + 7, "far"));
        store.setNextSenderMsgSeqNum((1 << 20) + 8);
        final List<String> found = new ArrayList<>();
        store.get(1, 4, found);
        assertEquals(List.of(message(1, "a"), message(3, "c")), found);
        found.clear();
        store.get((1 << 20) + 7, (1 << 20) + 7, found);
        assertEquals(List.of(message((1 << 20) + 7, "far")), found);

        store.reset();
        assertEquals(1, store.getNextSenderMsgSeqNum());
        assertEquals(1, store.getNextTargetMsgSeqNum());
        found.clear();
        store.get(1, (1 << 20) + 7, found);
        assertEquals(List.of(), found);
        store.set(1, message(1, "after"));
        found.clear();
        store.get(1, 3, found);
        assertEquals(List.of(message(1, "after")), found);
    }

    @Test
    void shouldStartFromTheFileStoreOfAnEarlierVersion() throws Exception
    {
        final SessionSettings settings = new SessionSettings();
        settings.setString(SESSION, "FileStorePath", dir.toString());
        final MessageStore earlier = new FileStoreFactory(settings).create(SESSION);
        for (int sequence = 1; sequence <= 3; sequence++)
        {
            earlier.set(sequence, message(sequence, "old " + sequence));
            earlier.incrNextSenderMsgSeqNum();
        }
        earlier.setNextTargetMsgSeqNum(9);
        final long created = earlier.getCreationTime().getTime();
        ((quickfix.FileStore)earlier).close();
        assertTrue(Files.exists(dir.resolve(FileUtil.sessionIdFileName(SESSION) + ".senderseqnums")));

        final MessageStore store = new FixMessageStoreFactory(dir).create(SESSION);
        assertEquals(4, store.getNextSenderMsgSeqNum());
        assertEquals(9, store.getNextTargetMsgSeqNum());
        assertEquals(created / 1000, store.getCreationTime().getTime() / 1000);
        final List<String> found = new ArrayList<>();
        store.get(1, 3, found);
        assertEquals(List.of(message(1, "old 1"), message(2, "old 2"), message(3, "old 3")), found);
    }
}
