package io.arbiter.server;

/**
 * A further gateway of an {@link ArbiterNode} that lives in another module (the FIX acceptor): the node starts it
 * after its own gateway is bound and stops it in step with its own shutdown. An extension enters commands through the
 * node's ring and admission ({@link ArbiterNode#gatewayState()}) and receives reports through its own
 * {@code SessionEgress}. Control plane: the node calls each method once, from the thread that starts or closes it.
 */
public interface NodeExtension
{
    /**
     * Start: bind ports, start threads. Called by {@link ArbiterNode#start()} once the gateway, the ring and the
     * market-data stage run, before the node reports RUNNING.
     *
     * @param node the started node.
     * @throws Exception if the extension cannot start (the node's start fails with it).
     */
    void start(ArbiterNode node) throws Exception;

    /**
     * The node drained its ring and stopped: deliver what is still queued, end the sessions and stop every thread.
     * Called by {@link ArbiterNode#close()} after the ring has drained and before the I/O threads stop.
     */
    void close();
}
