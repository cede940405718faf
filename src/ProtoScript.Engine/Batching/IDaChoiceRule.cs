using ProtoScript.Hooks;

namespace ProtoScript.Engine.Batching;

/// <summary>
/// Where a batch of a batcher posting to <c>L1.auto</c> goes when a C# hook decides it
/// (<c>choose = csharp ...</c>); the built-in rule takes the cheaper of the two (<see cref="AutoDataAvailability"/>).
/// </summary>
public interface IDaChoiceRule
{
    /// <summary>Blobs or calldata for the batch <paramref name="batch"/> describes.</summary>
    DaChoice Choose(in DaChoiceView batch);
}
