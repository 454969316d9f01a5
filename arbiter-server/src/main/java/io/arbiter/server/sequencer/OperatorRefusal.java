package io.arbiter.server.sequencer;

/**
 * Why an operator's request was refused before anything was journaled (an unknown symbol, an asset no instrument
 * names, an instrument without assets), with the HTTP status the admin API answers. Control plane.
 */
public final class OperatorRefusal extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  HTTP status: 400 for a request that cannot apply, 404 for a name that is not defined, 409 for a
     *                name that is defined already.
     * @param message one line for the operator.
     */
    public OperatorRefusal(final int status, final String message)
    {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * @return the HTTP status of the answer.
     */
    public int status()
    {
        return status;
    }
}
