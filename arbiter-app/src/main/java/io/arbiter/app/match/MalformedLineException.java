package io.arbiter.app.match;

/**
 * A line of a command file that cannot be understood (wrong field count, unknown word, non-numeric id, ...). It stops
 * the run; the events of the lines before it have been written. Thrown on the control path only.
 */
public final class MalformedLineException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final long lineNumber;
    private final String reason;

    /**
     * @param lineNumber of the line, from 1.
     * @param reason     what is wrong with it, without the line number.
     */
    public MalformedLineException(final long lineNumber, final String reason)
    {
        super("line " + lineNumber + ": " + reason);
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /**
     * @return the line number, from 1.
     */
    public long lineNumber()
    {
        return lineNumber;
    }

    /**
     * @return what is wrong with the line, without the line number.
     */
    public String reason()
    {
        return reason;
    }
}
