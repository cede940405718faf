using System.Collections.Immutable;

namespace ProtoScript.Engine.Results;

/// <summary>
/// One role's row of a rollup's value-flow table. Wei columns are exact; MEV is in the quote
/// token of the rollup's first pool (<see cref="ValueFlowResult.MevToken"/>) and never added to wei.
/// </summary>
/// <param name="Role">The role: <c>users</c>, <c>sequencer</c>, <c>builders</c>, <c>searchers</c>, <c>provers</c>, <c>data_availability</c>, <c>treasury</c> or <c>burn</c>.</param>
/// <param name="FeesReceived">Fees it received from users (issuance not included), in wei.</param>
/// <param name="FeesPaid">Fees it paid: the users' transaction fees; 0 for every other role.</param>
/// <param name="Costs">What its work cost it outside the rollup, in wei: L1 posting for data availability, proving for provers (a market prover's own cost), an external shared sequencer's fee for the sequencer (its operator pays the network).</param>
/// <param name="Mev">MEV it captured, in the quote token's smallest unit.</param>
/// <param name="BidsReceived">Bids it was paid (PBS builders' bids, top-of-block and express-lane auctions), in wei.</param>
/// <param name="BidsPaid">Bids it paid, in wei.</param>
public sealed record ValueFlowRow(string Role, UInt128 FeesReceived, UInt128 FeesPaid, UInt128 Costs, UInt128 Mev, UInt128 BidsReceived, UInt128 BidsPaid)
{
    /// <summary>Ether minted to it by a <c>fees</c> block's issuance, in wei.</summary>
    public UInt128 Issued { get; init; }

    /// <summary>Fees and bids and issuance received, less fees, costs and bids paid, in wei (MEV, in another token, is not in it).</summary>
    public Int128 Net => checked((Int128)FeesReceived + (Int128)Issued + (Int128)BidsReceived - (Int128)FeesPaid - (Int128)Costs - (Int128)BidsPaid);
}

/// <summary>
/// Where a rollup's value went, one row per role: the fee ledger (the <c>fees</c> block's
/// settlement, or the built-in rule), PBS bids, auction and express-lane payments, MEV, and the
/// costs of posting and proving. Present only when the rollup has more than one source of value
/// (<see cref="Fees.ValueFlowCollector.Shows"/>).
/// </summary>
/// <param name="MevToken">The token MEV is counted in, or null on a rollup without a market.</param>
/// <param name="MevDecimals">Its decimals.</param>
/// <param name="Rows">The roles, in the fixed order users, sequencer, builders, searchers, provers, data_availability, treasury, burn.</param>
public sealed record ValueFlowResult(string? MevToken, int MevDecimals, ImmutableArray<ValueFlowRow> Rows)
{
    /// <summary>The row of <paramref name="role"/>.</summary>
    public ValueFlowRow Of(string role) => Rows.First(r => r.Role == role);

    /// <summary>Every role's fees received together: exactly what users paid.</summary>
    public UInt128 FeesReceived => Rows.Aggregate(UInt128.Zero, (sum, r) => checked(sum + r.FeesReceived));

    /// <inheritdoc />
    public bool Equals(ValueFlowResult? other) =>
        other is not null && MevToken == other.MevToken && MevDecimals == other.MevDecimals && Rows.AsSpan().SequenceEqual(other.Rows.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MevToken, Rows.Length);
}
