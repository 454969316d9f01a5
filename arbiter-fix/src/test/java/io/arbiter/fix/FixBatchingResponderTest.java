package io.arbiter.fix;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixBatchingResponderTest
{
    private final DummySession connection = new DummySession();
    private final List<Object> written = new CopyOnWriteArrayList<>();

    FixBatchingResponderTest()
    {
        connection.getFilterChain().addLast("record", new IoFilterAdapter()
        {
            @Override
            public void filterWrite(final NextFilter next, final IoSession session, final WriteRequest request)
                throws Exception
            {
                written.add(request.getMessage());
                next.filterWrite(session, request);
            }
        });
    }

    @Test
    void shouldGatherTheReportThreadsMessagesUntilFlushedAndKeepTheOrderWhenAnotherThreadSends() throws Exception
    {
        final FixBatchingResponder responder = new FixBatchingResponder(connection, Thread.currentThread());
        assertTrue(responder.send("A|"));
        assertTrue(responder.send("B|"));
        assertEquals(List.of(), written);

        final Thread heartbeat = new Thread(() -> responder.send("C|"));
        heartbeat.start();
        heartbeat.join();
        assertEquals(List.of("A|B|", "C|"), written);

        responder.send("D|");
        responder.flush();
        responder.flush();
        assertEquals(List.of("A|B|", "C|", "D|"), written);
    }

    @Test
    void shouldHandOverABatchOnceItIsLargeAndBeforeDisconnecting()
    {
        final FixBatchingResponder responder = new FixBatchingResponder(connection, Thread.currentThread());
        final String large = "x".repeat(FixBatchingResponder.MAX_BATCH_CHARS);
        responder.send(large);
        assertEquals(List.of(large), written);

        responder.send("E|");
        responder.disconnect();
        assertEquals(List.of(large, "E|"), written);
    }
}
