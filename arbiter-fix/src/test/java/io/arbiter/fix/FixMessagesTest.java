package io.arbiter.fix;

import org.junit.jupiter.api.Test;
import quickfix.UtcTimestampPrecision;
import quickfix.field.converter.UtcTimestampConverter;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FixMessagesTest
{
    private static String quickfixText(final long epochNs)
    {
        return UtcTimestampConverter.convert(LocalDateTime.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            (int)Math.floorMod(epochNs, 1_000_000_000L), ZoneOffset.UTC), UtcTimestampPrecision.NANOS);
    }

    @Test
    void shouldWriteTimestampsAsQuickFixWritesThemToTheNanosecond()
    {
        assertEquals("19700101-00:00:00.000000000", FixMessages.timestamp(0));
        assertEquals("20261206-07:06:25.140935314", FixMessages.timestamp(1_796_540_785_140_935_314L));
        assertEquals(quickfixText(1_796_540_785_140_935_314L), FixMessages.timestamp(1_796_540_785_140_935_314L));
        final SplittableRandom random = new SplittableRandom(3);
        long previousDayNs = 0;
        for (int i = 0; i < 10_000; i++)
        {
            // consecutive days and random instants: the cached date part must follow the day
            final long epochNs = i % 2 == 0 ? previousDayNs + 86_399_999_999_999L + random.nextLong(2) :
                random.nextLong(4_102_444_800_000_000_000L);
            previousDayNs = epochNs;
            assertEquals(quickfixText(epochNs), FixMessages.timestamp(epochNs));
        }
    }
}
