namespace ProtoScript.Engine.DataAvailability;

/// <summary>Bytes that are not a well-formed batch: where decoding stopped and why.</summary>
public sealed class BatchFormatException : Exception
{
    /// <summary>Creates the exception for a problem at byte <paramref name="offset"/>.</summary>
    public BatchFormatException(int offset, string reason)
        : base($"malformed batch at byte {offset}: {reason}")
    {
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The byte offset, in the uncompressed batch, where the problem starts.</summary>
    public int Offset { get; }

    /// <summary>What is wrong, without the offset.</summary>
    public string Reason { get; }
}
