namespace ProtoScript.Testing;

/// <summary>Thrown when a value differs from its verified snapshot; the message holds a unified diff.</summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SnapshotMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
