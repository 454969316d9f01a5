package io.arbiter.loadgen;

import org.junit.jupiter.api.Test;
import quickfix.Responder;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixGatheringResponderTest
{
    private final List<String> writes = new ArrayList<>();
    private final Responder socket = new Responder()
    {
        @Override
        public boolean send(final String data)
        {
            writes.add(data);
            return true;
        }

        @Override
        public void disconnect()
        {
            writes.add("disconnect");
        }

        @Override
        public String getRemoteAddress()
        {
            return "127.0.0.1:1";
        }
    };

    @Test
    void shouldHandOverOneTicksRequestsInOneWriteAndKeepTheOrderWithOtherThreads() throws Exception
    {
        final FixGatheringResponder responder = new FixGatheringResponder(socket);
        responder.gather();
        responder.send("a");
        responder.send("b");
        assertEquals(List.of(), writes);
        final Thread other = new Thread(() -> responder.send("heartbeat"));
        other.start();
        other.join();
        assertEquals(List.of("ab", "heartbeat"), writes);
        responder.send("c");
        responder.flush();
        responder.send("d");
        responder.disconnect();
        assertEquals(List.of("ab", "heartbeat", "c", "d", "disconnect"), writes);
    }
}
