using ProtoScript.Engine.Chains;
using ProtoScript.Hooks;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Fees;

/// <summary>What one sealed block collected and cost, as a fee distribution sees it; amounts in wei.</summary>
/// <param name="Number">The L2 block number (1-based).</param>
/// <param name="Time">When it was sealed.</param>
/// <param name="BaseFees">Base fees its transactions paid.</param>
/// <param name="PriorityFees">Priority fees its transactions paid.</param>
/// <param name="L1DataFees">L1 data fees its transactions paid.</param>
/// <param name="DaCost">What the batcher paid on L1 for postings that landed since the previous block.</param>
/// <param name="ProofCost">What proving the block costs (<see cref="IBlockCostSource"/>), or 0.</param>
/// <param name="GasUsed">L2 gas used.</param>
/// <param name="Transactions">Transactions included.</param>
public readonly record struct FeeBlock(
    ulong Number,
    SimDuration Time,
    UInt128 BaseFees,
    UInt128 PriorityFees,
    UInt128 L1DataFees,
    UInt128 DaCost,
    UInt128 ProofCost,
    ulong GasUsed,
    int Transactions)
{
    /// <summary>What DataAvailability is owed, this block's <see cref="DaCost"/> included (unpaid costs carry over).</summary>
    public UInt128 DaOwed { get; init; }

    /// <summary>What Prover is owed, this block's <see cref="ProofCost"/> included.</summary>
    public UInt128 ProofOwed { get; init; }

    /// <summary>Operator fees its transactions paid (the OP Stack's OperatorFeeVault); 0 without an operator fee.</summary>
    public UInt128 OperatorFees { get; init; }

    /// <summary>Everything the block's users paid in fees.</summary>
    public UInt128 Collected => BaseFees + PriorityFees + L1DataFees + OperatorFees;
}

/// <summary>One named component of a built-in fee rule and what it paid over the run.</summary>
/// <param name="Key">Its snake_case name (e.g. <c>superchain_share</c>).</param>
/// <param name="Amount">Wei, over the run.</param>
public readonly record struct FeeComponent(string Key, UInt128 Amount);

/// <summary>One payment of a distribution.</summary>
/// <param name="Role">Who receives it (<see cref="Role.Burned"/> destroys it).</param>
/// <param name="Amount">How much, in wei.</param>
public readonly record struct FeePayment(Role Role, UInt128 Amount);

/// <summary>
/// A fee distribution that is not built in (a C# hook): given a block, it says who is paid
/// what. The engine checks the payments against what the block collected and burns the rest.
/// </summary>
public interface IFeeDistributor
{
    /// <summary>Adds the payments for <paramref name="block"/> to <paramref name="payments"/>.</summary>
    void Distribute(in FeeBlock block, List<FeePayment> payments);
}

/// <summary>A distribution paid out more than its block collected.</summary>
/// <param name="message">What was paid and what was available.</param>
public sealed class FeeOverpaymentException(string message) : Exception(message);
