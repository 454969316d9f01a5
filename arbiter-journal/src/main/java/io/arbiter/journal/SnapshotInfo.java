package io.arbiter.journal;

import io.arbiter.engine.Instrument;

import java.nio.file.Path;
import java.util.List;

/**
 * What a valid snapshot file holds, read from its header and sections. Immutable.
 *
 * @param file         the snapshot file.
 * @param lastSequence last sequence applied to the state it holds.
 * @param instruments  its instruments in id order.
 * @param orderCount   resting orders in it.
 * @param tradeCount   the engine's trade counter.
 * @param fileSize     size in bytes.
 */
public record SnapshotInfo(
    Path file, long lastSequence, List<Instrument> instruments, long orderCount, long tradeCount, long fileSize)
{
}
