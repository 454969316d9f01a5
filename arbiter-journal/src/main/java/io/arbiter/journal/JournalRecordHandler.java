package io.arbiter.journal;

import io.arbiter.engine.Command;

import java.nio.file.Path;

/**
 * Receives journal records as they are read, in sequence order, on the reading thread.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * One valid record.
     *
     * @param command       the decoded command, reused for the next record: copy what must be kept.
     * @param clientOrderId the record's client order id, or {@link JournalDescriptor#NO_CLIENT_ORDER_ID}.
     * @param segment       file the record is in.
     * @param position      byte position of the record in the file.
     */
    void onRecord(Command command, long clientOrderId, Path segment, long position);
}
