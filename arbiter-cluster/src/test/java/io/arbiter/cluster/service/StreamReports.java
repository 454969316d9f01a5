package io.arbiter.cluster.service;

import io.arbiter.cluster.codec.EgressDescriptor;
import io.arbiter.cluster.codec.ReportFlyweight;

import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Reads back the reports a {@link ReportCollector} wrote into a gateway's open message, as the gateway would get them.
 */
final class StreamReports
{
    private StreamReports()
    {
    }

    /**
     * Close the stream's open message, if any, and hand each of its reports to a consumer, in order.
     *
     * @param stream   of one gateway.
     * @param consumer gets each report (the flyweight is reused).
     */
    static void drain(final GatewayStream stream, final Consumer<ReportFlyweight> consumer)
    {
        if (!stream.isOpen())
        {
            return;
        }
        final int message = stream.close(true);
        final int count = stream.buffer().getInt(message + EgressDescriptor.REPORT_COUNT_OFFSET,
            ByteOrder.LITTLE_ENDIAN);
        final ReportFlyweight report = new ReportFlyweight();
        for (int i = 0; i < count; i++)
        {
            consumer.accept(report.wrap(
                stream.buffer(), message + EgressDescriptor.HEADER_LENGTH + i * EgressDescriptor.REPORT_LENGTH));
        }
    }
}
