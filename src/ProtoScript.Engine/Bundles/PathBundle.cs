using System.Collections.Immutable;
using ProtoScript.Engine.Amm;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.DataAvailability;
using ProtoScript.Engine.Mempool;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bundles;

/// <summary>A swap a leg makes on its rollup's first pool, with the limit the wallet set when the bundle was sent.</summary>
/// <param name="Direction">Which way it trades.</param>
/// <param name="AmountIn">What it pays into the pool.</param>
/// <param name="MinAmountOut">The least it accepts: the quote at sending less 1 %.</param>
/// <param name="Pool">The pool it trades on, in the rollup's declaration order (a user's bundle trades the first).</param>
public readonly record struct SwapPlan(SwapDirection Direction, UInt128 AmountIn, UInt128 MinAmountOut, int Pool = 0);

/// <summary>
/// One bundle over a path of rollups: the user (the same account index on every rollup of the
/// path) sends <see cref="Value"/> from the first rollup to the second, which sends it on to the
/// third, and so on. Leg <c>i</c> on rollup <c>Path[i]</c> is, in order: the delivery of the value
/// from the previous leg (not on the first), the leg's swap (a swap leg), and the message carrying
/// the value to the next rollup (not on the last).
/// </summary>
/// <remarks>
/// A same-slot delivery pays gas (the user's account on that rollup pays it, as for a two-leg
/// bundle); an asynchronous one is credited free at the top of a block, as every asynchronous
/// message is, so on that way a leg is only its swap and its message.
/// </remarks>
public sealed class PathBundle
{
    /// <summary>Creates a bundle sent at <paramref name="submitTime"/>.</summary>
    /// <param name="statistics">Its path's counters.</param>
    /// <param name="chains">The rollup of each leg.</param>
    /// <param name="indexes">Each leg's rollup index in the scenario (a message names its destination by it).</param>
    /// <param name="account">The user's account index, on every rollup of the path.</param>
    /// <param name="value">The value carried along the path, in wei.</param>
    /// <param name="priorityFee">The priority fee per gas of every transaction of the bundle, in wei.</param>
    /// <param name="swaps">Each leg's swap, or empty for a path of transfer legs.</param>
    /// <param name="submitTime">When the user sent it.</param>
    public PathBundle(PathStatistics statistics, ImmutableArray<RollupChain> chains, ImmutableArray<int> indexes, int account, UInt128 value, UInt128 priorityFee, ImmutableArray<SwapPlan?> swaps, SimDuration submitTime)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (chains.Length < 2 || indexes.Length != chains.Length || (!swaps.IsDefaultOrEmpty && swaps.Length != chains.Length))
        {
            throw new ArgumentException("A path bundle needs two legs or more, with an index (and, if any, a swap) per leg.", nameof(chains));
        }

        Statistics = statistics;
        Chains = chains;
        Indexes = indexes;
        Account = account;
        Value = value;
        PriorityFee = priorityFee;
        Swaps = swaps.IsDefault ? [] : swaps;
        SubmitTime = submitTime;
    }

    /// <summary>Its path's counters.</summary>
    public PathStatistics Statistics { get; }

    /// <summary>The rollup of each leg.</summary>
    public ImmutableArray<RollupChain> Chains { get; }

    /// <summary>Each leg's rollup index in the scenario.</summary>
    public ImmutableArray<int> Indexes { get; }

    /// <summary>The user's account index on every rollup of the path.</summary>
    public int Account { get; }

    /// <summary>The value carried along the path, in wei.</summary>
    public UInt128 Value { get; }

    /// <summary>The priority fee per gas of every transaction of the bundle.</summary>
    public UInt128 PriorityFee { get; }

    /// <summary>Each leg's swap (null for a leg without one); empty when no leg swaps.</summary>
    public ImmutableArray<SwapPlan?> Swaps { get; }

    /// <summary>When the user sent it.</summary>
    public SimDuration SubmitTime { get; }

    /// <summary>The number of legs.</summary>
    public int Legs => Chains.Length;

    /// <summary>
    /// Whether value travels from leg to leg (a message after each leg, a delivery before the
    /// next); false for a bundle of independent legs, such as a searcher's two swaps on two
    /// rollups, whose legs all run even when one reverts.
    /// </summary>
    public bool Carries { get; init; } = true;

    /// <summary>The sender of each leg when it differs per rollup (a searcher's account on each); empty for <see cref="Account"/> on every leg.</summary>
    public ImmutableArray<int> Accounts { get; init; } = [];

    /// <summary>Told why when a simulating producer drops the bundle whole, or null.</summary>
    internal Action<LegFailure>? OnDropped { get; init; }

    /// <summary>The sender of leg <paramref name="leg"/>.</summary>
    public int AccountOf(int leg) => Accounts.IsDefaultOrEmpty ? Account : Accounts[leg];

    /// <summary>The leg an asynchronous bundle is at (the next to run, or the one whose message is on its way to it).</summary>
    internal int NextLeg { get; set; }

    /// <summary>The id of the message the last leg executed sent on, which the next leg's delivery names.</summary>
    internal ulong LastMessage { get; set; }

    /// <summary>How many transactions the user signs on leg <paramref name="leg"/> (its swap and message; a delivery is not the user's).</summary>
    public int UserTransactions(int leg) => (SwapOf(leg) is null ? 0 : 1) + (Carries && leg < Legs - 1 ? 1 : 0);

    /// <summary>Counts leg <paramref name="leg"/>'s transactions as submitted on its rollup (its swap among the rollup's swaps too), when the user signs them.</summary>
    internal void CountSubmitted(int leg)
    {
        var chain = Chains[leg];
        chain.Metrics.Submitted += UserTransactions(leg);
        if (SwapOf(leg) is not null)
        {
            chain.Market!.CountSealedSubmission(new Transaction(AccountOf(leg), chain.Market.FirstPoolAccount, 0, 0, 0, Transaction.SwapGas, SubmitTime) { Kind = TransactionKind.Swap });
        }
    }

    /// <summary>
    /// Appends leg <paramref name="leg"/>'s transactions to <paramref name="into"/>, with a delivery
    /// that pays gas first when <paramref name="paidDelivery"/> (the same-slot way). Nonces and the
    /// delivery's message id are zero: whoever executes the leg stamps them just before each runs.
    /// </summary>
    public void AppendLeg(int leg, bool paidDelivery, SimDuration now, List<Transaction> into)
    {
        ArgumentNullException.ThrowIfNull(into);

        // A same-slot bundle is signed whole when sent; on the asynchronous way a later leg is sent when its value arrives.
        var signed = leg == 0 || paidDelivery ? SubmitTime : now;
        if (Carries && leg > 0 && paidDelivery)
        {
            into.Add(new Transaction(Account, Account, Value, 0, PriorityFee, Transaction.CrossChainGas, now)
            {
                Kind = TransactionKind.CrossChainDelivery,
                PeerRollup = Indexes[leg - 1],
            });
        }

        if (SwapOf(leg) is { } swap)
        {
            var market = Chains[leg].Market!;
            into.Add(new Transaction(AccountOf(leg), market.FirstPoolAccount + swap.Pool, swap.AmountIn, 0, PriorityFee, Transaction.SwapGas, signed)
            {
                Kind = TransactionKind.Swap,
                PoolIndex = swap.Pool,
                Direction = swap.Direction,
                MinAmountOut = swap.MinAmountOut,
            });
        }

        if (Carries && leg < Legs - 1)
        {
            into.Add(new Transaction(Account, Account, Value, 0, PriorityFee, Transaction.CrossChainGas, signed)
            {
                Kind = TransactionKind.CrossChainMessage,
                PeerRollup = Indexes[leg + 1],
            });
        }
    }

    private SwapPlan? SwapOf(int leg) => Swaps.IsEmpty ? null : Swaps[leg];
}
