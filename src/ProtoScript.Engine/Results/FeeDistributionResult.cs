using System.Collections.Immutable;

namespace ProtoScript.Engine.Results;

/// <summary>What one role received from a rollup's fee settlement.</summary>
/// <param name="Role">The role's snake_case name (<c>burned</c>, <c>sequencer</c>, <c>data_availability</c>, ...).</param>
/// <param name="Received">Wei paid to it over the run (issuance included).</param>
/// <param name="Deficit">Wei of its costs (posting, proving) the fees could not pay back.</param>
public sealed record RoleFees(string Role, UInt128 Received, UInt128 Deficit);

/// <summary>
/// Where a rollup's fees went, for a rollup with a <c>fees { ... }</c> block: what users paid
/// by kind, what it cost to run, and what each role received (the value flow from users to roles).
/// </summary>
/// <param name="Rule"><c>split</c> or <c>csharp</c>.</param>
/// <param name="L1DataFee">True when transactions paid an L1 data fee.</param>
/// <param name="BaseFees">Base fees users paid.</param>
/// <param name="PriorityFees">Priority fees users paid.</param>
/// <param name="L1DataFees">L1 data fees users paid.</param>
/// <param name="Issued">Ether minted by issuance.</param>
/// <param name="DaCost">What posting the rollup's data cost on L1 (the batcher's L1 fees, settled block by block).</param>
/// <param name="ProofCost">What proving the blocks cost.</param>
/// <param name="Roles">Every role, in the fixed order burned, sequencer, builder, prover, data_availability, treasury.</param>
public sealed record FeeDistributionResult(
    string Rule,
    bool L1DataFee,
    UInt128 BaseFees,
    UInt128 PriorityFees,
    UInt128 L1DataFees,
    UInt128 Issued,
    UInt128 DaCost,
    UInt128 ProofCost,
    ImmutableArray<RoleFees> Roles)
{
    /// <summary>Operator fees users paid (the OP Stack's Isthmus operator fee; 0 without one).</summary>
    public UInt128 OperatorFees { get; init; }

    /// <summary>What the built-in rule paid through each named component (the OP Stack's vaults and Superchain share, Arbitrum's fees and L1 pricer), in the rule's order; empty for <c>split</c> and a hook.</summary>
    public ImmutableArray<Fees.FeeComponent> Components { get; init; } = [];

    /// <summary>The role the issuance is minted to (snake_case).</summary>
    public string IssuedTo { get; init; } = "treasury";

    /// <summary>Everything users paid in fees.</summary>
    public UInt128 Collected => BaseFees + PriorityFees + L1DataFees + OperatorFees;

    /// <summary>The component <paramref name="key"/>'s amount, in wei (0 when the rule has no such component).</summary>
    public UInt128 ComponentOf(string key) => Components.FirstOrDefault(c => c.Key == key).Amount;

    /// <summary>What <paramref name="role"/> received, in wei (0 for an unknown name).</summary>
    public UInt128 ReceivedBy(string role) => Roles.FirstOrDefault(r => r.Role == role)?.Received ?? 0;

    /// <summary>The deficit of <paramref name="role"/>, in wei (0 for an unknown name).</summary>
    public UInt128 DeficitOf(string role) => Roles.FirstOrDefault(r => r.Role == role)?.Deficit ?? 0;

    /// <inheritdoc />
    public bool Equals(FeeDistributionResult? other) =>
        other is not null && Rule == other.Rule && L1DataFee == other.L1DataFee && BaseFees == other.BaseFees
        && PriorityFees == other.PriorityFees && L1DataFees == other.L1DataFees && Issued == other.Issued
        && DaCost == other.DaCost && ProofCost == other.ProofCost && Roles.SequenceEqual(other.Roles)
        && OperatorFees == other.OperatorFees && Components.AsSpan().SequenceEqual(other.Components.AsSpan()) && IssuedTo == other.IssuedTo;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rule, BaseFees, PriorityFees, Roles.Length);
}
