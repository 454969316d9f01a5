package io.arbiter.server.config;

import io.arbiter.journal.DurabilityPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parsers and range checks of the settings table, at and around their boundaries.
 */
class SettingTypeTest
{
    private static final Pattern RANGE = Pattern.compile("(?:a power of two in )?(-?\\d+)\\.\\.(-?\\d+)");

    @Property
    void shouldAcceptAnIntegerExactlyWhenItIsInRange(
        @ForAll final int min, @ForAll final int max, @ForAll("nearBounds") final long offset,
            @ForAll final boolean low)
    {
        final int lo = Math.min(min, max);
        final int hi = Math.max(min, max);
        final SettingType<Integer> type = SettingType.integer(lo, hi);
        final long value = (low ? (long)lo : (long)hi) + offset;
        final boolean inRange = value >= lo && value <= hi;

        if (inRange)
        {
            assertEquals((int)value, type.parse(Long.toString(value)));
            type.check((int)value);
        }
        else
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> type.parse(Long.toString(value)));
            assertEquals("must be " + lo + ".." + hi, ex.getMessage());
        }
    }

    @Provide
    Arbitrary<Long> nearBounds()
    {
        return Arbitraries.longs().between(-2, 2);
    }

    @Property
    void shouldAcceptOnlyPowersOfTwo(@ForAll("ringSizes") final int value)
    {
        final SettingType<Integer> type = SettingType.powerOfTwo(2, 1 << 30);
        if (Integer.bitCount(value) == 1 && value >= 2)
        {
            assertEquals(value, type.parse(Integer.toString(value)));
        }
        else
        {
            assertThrows(IllegalArgumentException.class, () -> type.parse(Integer.toString(value)));
        }
    }

    @Provide
    Arbitrary<Integer> ringSizes()
    {
        return Arbitraries.oneOf(Arbitraries.integers().between(-4, 70_000),
            Arbitraries.integers().between(0, 30).map(i -> 1 << i), Arbitraries.of(Integer.MAX_VALUE, 1 << 31));
    }

    @Property
    void shouldRefuseTextThatIsNotAnInteger(@ForAll("notIntegers") final String text)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SettingType.integer(0, 10).parse(text));
        assertEquals("must be an integer in 0..10", ex.getMessage());
    }

    @Provide
    Arbitrary<String> notIntegers()
    {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            Arbitraries.of("", "1.5", "0x10", "1e3", "99999999999999999999", " "));
    }

    @Property
    void shouldCheckEveryTableRowAtItsBounds(@ForAll("rows") final Setting<?> setting)
    {
        final Matcher range = RANGE.matcher(setting.type().allowed());
        if (!range.matches())
        {
            return;
        }
        final long min = Long.parseLong(range.group(1));
        final long max = Long.parseLong(range.group(2));
        final ServerContext context = new ServerContext();
        setting.set(context, Long.toString(min));
        assertEquals(Long.toString(min), setting.current(context));
        setting.set(context, Long.toString(max));
        assertEquals(Long.toString(max), setting.current(context));
        if (min > Long.MIN_VALUE)
        {
            assertThrows(IllegalArgumentException.class, () -> setting.set(context, Long.toString(min - 1)));
        }
        if (max < Long.MAX_VALUE)
        {
            assertThrows(IllegalArgumentException.class, () -> setting.set(context, Long.toString(max + 1)));
        }
        assertEquals(Long.toString(max), setting.current(context), "a refused value leaves the setting unchanged");
    }

    @Provide
    Arbitrary<Setting<?>> rows()
    {
        return Arbitraries.of(ServerSettings.all());
    }

    @Example
    void shouldParseWordsIgnoringCaseAndUnderscores()
    {
        final SettingType<DurabilityPolicy> type = SettingType.choice(DurabilityPolicy.class);
        assertEquals(DurabilityPolicy.INTERVAL, type.parse("Interval"));
        assertEquals("interval", type.format(DurabilityPolicy.INTERVAL));
        assertEquals("busy-spin", SettingType.words("busy-spin", "backoff").parse("BUSY_SPIN"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> type.parse("always"));
        assertEquals("must be one of none, batch, interval", ex.getMessage());
        assertTrue(SettingType.bool().parse("TRUE"));
        assertThrows(IllegalArgumentException.class, () -> SettingType.bool().parse("yes"));
    }

    @Example
    void shouldHoldMillisecondSettingsInNanosecondsAndCheckThemRoundedUp()
    {
        final SettingType<Long> ms = SettingType.scaled(1_000_000L, SettingType.longInteger(1, 1000));
        assertEquals(25_000_000L, ms.parse("25"));
        assertEquals("25", ms.format(25_000_000L));
        ms.check(1_000L);
        assertThrows(IllegalArgumentException.class, () -> ms.check(0L));
        assertThrows(IllegalArgumentException.class, () -> ms.check(1_000_000_001L));
    }
}
