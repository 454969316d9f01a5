package io.arbiter.server.config;

/**
 * Socket options of the order gateway's listening socket and accepted connections (keys {@code socket.*}; each
 * key's default, meaning and range is a row of {@link ServerSettings}). Part of a {@link ServerContext}; filled on the
 * control plane, read when the gateway binds; not thread safe while being filled.
 */
public final class SocketContext
{
    private boolean tcpNoDelay;
    private boolean keepAlive;
    private int keepIdleSeconds;
    private int keepIntervalSeconds;
    private int keepCount;
    private boolean reuseAddress;
    private int sendBufferBytes;
    private int receiveBufferBytes;
    private int writeBufferLowWaterMark;
    private int writeBufferHighWaterMark;

    SocketContext()
    {
    }

    /**
     * @return the value of {@code socket.tcpNoDelay} ({@link ServerSettings}).
     */
    public boolean tcpNoDelay()
    {
        return tcpNoDelay;
    }

    /**
     * @param tcpNoDelay the value of {@code socket.tcpNoDelay} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext tcpNoDelay(final boolean tcpNoDelay)
    {
        this.tcpNoDelay = tcpNoDelay;
        return this;
    }

    /**
     * @return the value of {@code socket.keepAlive} ({@link ServerSettings}).
     */
    public boolean keepAlive()
    {
        return keepAlive;
    }

    /**
     * @param keepAlive the value of {@code socket.keepAlive} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext keepAlive(final boolean keepAlive)
    {
        this.keepAlive = keepAlive;
        return this;
    }

    /**
     * @return the value of {@code socket.keepIdleSeconds} ({@link ServerSettings}).
     */
    public int keepIdleSeconds()
    {
        return keepIdleSeconds;
    }

    /**
     * @param keepIdleSeconds the value of {@code socket.keepIdleSeconds} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext keepIdleSeconds(final int keepIdleSeconds)
    {
        this.keepIdleSeconds = keepIdleSeconds;
        return this;
    }

    /**
     * @return the value of {@code socket.keepIntervalSeconds} ({@link ServerSettings}).
     */
    public int keepIntervalSeconds()
    {
        return keepIntervalSeconds;
    }

    /**
     * @param keepIntervalSeconds the value of {@code socket.keepIntervalSeconds} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext keepIntervalSeconds(final int keepIntervalSeconds)
    {
        this.keepIntervalSeconds = keepIntervalSeconds;
        return this;
    }

    /**
     * @return the value of {@code socket.keepCount} ({@link ServerSettings}).
     */
    public int keepCount()
    {
        return keepCount;
    }

    /**
     * @param keepCount the value of {@code socket.keepCount} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext keepCount(final int keepCount)
    {
        this.keepCount = keepCount;
        return this;
    }

    /**
     * @return the value of {@code socket.reuseAddress} ({@link ServerSettings}).
     */
    public boolean reuseAddress()
    {
        return reuseAddress;
    }

    /**
     * @param reuseAddress the value of {@code socket.reuseAddress} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext reuseAddress(final boolean reuseAddress)
    {
        this.reuseAddress = reuseAddress;
        return this;
    }

    /**
     * @return the value of {@code socket.sendBufferBytes} ({@link ServerSettings}).
     */
    public int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    /**
     * @param sendBufferBytes the value of {@code socket.sendBufferBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext sendBufferBytes(final int sendBufferBytes)
    {
        this.sendBufferBytes = sendBufferBytes;
        return this;
    }

    /**
     * @return the value of {@code socket.receiveBufferBytes} ({@link ServerSettings}).
     */
    public int receiveBufferBytes()
    {
        return receiveBufferBytes;
    }

    /**
     * @param receiveBufferBytes the value of {@code socket.receiveBufferBytes} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext receiveBufferBytes(final int receiveBufferBytes)
    {
        this.receiveBufferBytes = receiveBufferBytes;
        return this;
    }

    /**
     * @return the value of {@code socket.writeBufferLowWaterMark} ({@link ServerSettings}).
     */
    public int writeBufferLowWaterMark()
    {
        return writeBufferLowWaterMark;
    }

    /**
     * @param writeBufferLowWaterMark the value of {@code socket.writeBufferLowWaterMark} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext writeBufferLowWaterMark(final int writeBufferLowWaterMark)
    {
        this.writeBufferLowWaterMark = writeBufferLowWaterMark;
        return this;
    }

    /**
     * @return the value of {@code socket.writeBufferHighWaterMark} ({@link ServerSettings}).
     */
    public int writeBufferHighWaterMark()
    {
        return writeBufferHighWaterMark;
    }

    /**
     * @param writeBufferHighWaterMark the value of {@code socket.writeBufferHighWaterMark} ({@link ServerSettings}).
     * @return this for fluent use.
     */
    public SocketContext writeBufferHighWaterMark(final int writeBufferHighWaterMark)
    {
        this.writeBufferHighWaterMark = writeBufferHighWaterMark;
        return this;
    }
}
