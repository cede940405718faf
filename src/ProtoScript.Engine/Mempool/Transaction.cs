using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Mempool;

/// <summary>A signed transfer waiting for, or taking part in, block building.</summary>
/// <param name="From">The sending account.</param>
/// <param name="To">The receiving account.</param>
/// <param name="Value">The amount transferred, in wei.</param>
/// <param name="Nonce">The sender's transaction count when it signed this one.</param>
/// <param name="PriorityFeePerGas">The tip per gas to the sequencer, in wei, on top of the base fee.</param>
/// <param name="Gas">The gas the transaction uses.</param>
/// <param name="SubmitTime">When the user sent it.</param>
/// <param name="ArrivalSequence">Its position in the order the mempool received transactions; set by the mempool.</param>
public readonly record struct Transaction(
    int From,
    int To,
    UInt128 Value,
    ulong Nonce,
    UInt128 PriorityFeePerGas,
    ulong Gas,
    SimDuration SubmitTime,
    ulong ArrivalSequence = 0)
{
    /// <summary>The gas of a plain value transfer.</summary>
    public const ulong TransferGas = 21_000;
}
