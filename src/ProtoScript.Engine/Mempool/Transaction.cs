using ProtoScript.Engine.Amm;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Mempool;

/// <summary>
/// A signed transaction waiting for, or taking part in, block building: a transfer, or (with
/// <see cref="Kind"/> = <see cref="TransactionKind.Swap"/>) a swap whose input amount is <see cref="Value"/>
/// in the input token's smallest unit.
/// </summary>
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

    /// <summary>
    /// The gas of a swap: about what a Uniswap V2 router swap costs on Ethereum (≈ 100k–
    /// 130k); charged whether the swap executes or reverts.
    /// </summary>
    public const ulong SwapGas = 100_000;

    /// <summary>
    /// The gas of a cross-chain transfer on its source rollup: a transfer plus writing the
    /// message to the rollup's outbox (an assumption of the model, in the range of OP Stack's
    /// L2ToL2CrossDomainMessenger calls).
    /// </summary>
    public const ulong CrossChainGas = 50_000;

    /// <summary>Transfer (the default) or swap; the kinds are the batch format's, so a batch can carry the kind as it is.</summary>
    public TransactionKind Kind { get; init; } = TransactionKind.Transfer;

    /// <summary>For a swap: the index of the pool in its rollup's pool list.</summary>
    public int PoolIndex { get; init; }

    /// <summary>For a swap: which pool token goes in (token 0 is the pool's base token).</summary>
    public SwapDirection Direction { get; init; }

    /// <summary>For a swap: the least output the sender accepts (its slippage limit), in the output token's smallest unit.</summary>
    public UInt128 MinAmountOut { get; init; }

    /// <summary>For a cross-chain message: the destination rollup's index; for a delivery: the source's.</summary>
    public int PeerRollup { get; init; }

    /// <summary>
    /// The proof-of-work nonce its sender found for a rollup whose pool asks for proof of work
    /// (<see cref="PowStamp"/>); 0 when none was searched for. Not part of the batch: only the
    /// sequencer's admission checks it.
    /// </summary>
    public ulong PowNonce { get; init; }

    /// <summary>
    /// The most the sender pays per gas, base fee and tip together (EIP-1559's max fee per gas), in
    /// wei; 0 when it pays whatever the base fee is. While the base fee is above it the transaction
    /// waits in the pool; below it, the tip is cut to what is left (the effective priority fee).
    /// </summary>
    public UInt128 MaxFeePerGas { get; init; }

    /// <summary>For a storage write: how many consecutive contract-storage slots it writes, from slot <see cref="To"/>.</summary>
    public int Slots { get; init; }
}
