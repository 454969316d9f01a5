package io.arbiter.server.config;

import java.util.Locale;

/**
 * Finds the known setting key closest to a mistyped one, for "did you mean" hints: the key with the smallest edit
 * distance (ignoring case), if that distance is small for the key's length. Stateless; any thread; produces garbage.
 */
final class KeySuggester
{
    private KeySuggester()
    {
    }

    /**
     * @param unknown a key that no setting has.
     * @return the closest known key, or null if none is close (more than a third of the key's characters differ,
     *     and more than two).
     */
    static String closest(final String unknown)
    {
        final String lower = unknown.toLowerCase(Locale.ROOT);
        final int limit = Math.max(2, unknown.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final Setting<?> setting : ServerSettings.all())
        {
            final int distance = distance(lower, setting.key().toLowerCase(Locale.ROOT));
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = setting.key();
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /**
     * @param a one string.
     * @param b another.
     * @return the Levenshtein distance: insertions, deletions and substitutions that turn {@code a} into {@code b}.
     */
    static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
