using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Engine.Chains;
using ProtoScript.Engine.Results;
using ProtoScript.Engine.Simulation;
using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Derivation;

/// <summary>The first block whose derived state root is not the sequencer's.</summary>
/// <param name="Number">The L2 block number.</param>
/// <param name="Expected">The sequencer's root, or null when the sequencer never produced the block.</param>
/// <param name="Derived">The root derivation computed.</param>
public sealed record RootMismatch(ulong Number, string? Expected, string Derived);

/// <summary>How one rollup's derivation from L1 data compares with what its sequencer executed.</summary>
/// <param name="Rollup">The rollup's name.</param>
/// <param name="BlocksProduced">Blocks the sequencer sealed in the run.</param>
/// <param name="BlocksDerived">Blocks derivation produced from L1 data.</param>
/// <param name="BlocksMatched">Derived blocks, from block 1, whose roots equal the sequencer's, up to the first mismatch.</param>
/// <param name="FirstMismatch">The first block whose roots differ, or null.</param>
/// <param name="FirstMissing">
/// The first sequencer block derivation did not produce, or null when it produced them all.
/// </param>
/// <param name="NotYetOnL1">
/// True when no batch on L1 carries <paramref name="FirstMissing"/> or any later block: they were
/// simply not posted (or not included) before the run ended, which is not a failure.
/// </param>
/// <param name="Errors">What derivation read from L1 and dropped, and why.</param>
/// <param name="HighestBlockSeen">The highest L2 block number any batch on L1 carried, derived or not (0 when none reached L1).</param>
public sealed record RollupVerification(
    string Rollup,
    long BlocksProduced,
    long BlocksDerived,
    long BlocksMatched,
    RootMismatch? FirstMismatch,
    ulong? FirstMissing,
    bool NotYetOnL1,
    IReadOnlyList<DerivationError> Errors,
    ulong HighestBlockSeen = 0)
{
    /// <summary>
    /// How long re-executing the derived blocks took on this machine, and what it re-executed; null
    /// when not measured. Wall-clock time: it belongs to <c>verify</c>'s output, never to a report.
    /// </summary>
    public ReExecutionSpeed? Speed { get; init; }

    /// <summary>
    /// True when the sequencer sealed blocks but no batch of them reached L1, so derivation had
    /// nothing to derive. Nothing was checked then, so it is not a match, however many blocks the
    /// run left "not yet on L1". (Batches that reached L1 and did not derive fail as a missing block.)
    /// </summary>
    public bool NothingPosted => BlocksProduced > 0 && BlocksDerived == 0 && HighestBlockSeen == 0;

    /// <summary>True when at least one derived block was compared, every derived root matches and no posted block is missing.</summary>
    public bool Matches => !NothingPosted && FirstMismatch is null && (FirstMissing is null || NotYetOnL1);

    /// <summary>One line for people: the agreement, or the first difference.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        if (FirstMismatch is { } m)
        {
            return m.Expected is null
                ? string.Create(c, $"{Rollup}: derived block {m.Number} (root {m.Derived}) that the sequencer never produced")
                : string.Create(c, $"{Rollup}: state roots differ at block {m.Number}: sequencer {m.Expected}, derived {m.Derived} ({BlocksMatched} blocks matched before it)");
        }

        if (NothingPosted)
        {
            return string.Create(c, $"{Rollup}: derived 0 blocks: nothing was posted (the sequencer sealed {BlocksProduced} blocks and no batch of them reached L1)");
        }

        if (FirstMissing is { } missing && !NotYetOnL1)
        {
            return string.Create(c, $"{Rollup}: block {missing} did not derive from L1 data though later blocks were posted; the {BlocksDerived} blocks before it match");
        }

        var line = string.Create(c, $"{Rollup}: derived {BlocksDerived} blocks from L1 data; roots match for all {BlocksMatched}");
        return FirstMissing is { } notYet
            ? line + string.Create(c, $"; blocks {notYet}–{BlocksProduced} not yet on L1")
            : line;
    }
}

/// <summary>
/// What derivation re-executed and how long it took on this machine (frames, decompression and
/// decoding included, as a syncing node does them): a measurement, different on every run and
/// machine, so it is printed by <c>verify</c> and never enters a report.
/// </summary>
/// <param name="Blocks">Blocks derived.</param>
/// <param name="Transactions">Transactions they executed.</param>
/// <param name="Gas">L2 gas they used.</param>
/// <param name="Elapsed">Wall-clock time of the derivation.</param>
public sealed record ReExecutionSpeed(long Blocks, long Transactions, ulong Gas, TimeSpan Elapsed)
{
    /// <summary>Gas re-executed per wall-clock second (0 when too fast to time).</summary>
    public double GasPerSecond => Elapsed.Ticks <= 0 ? 0 : Gas / Elapsed.TotalSeconds;

    /// <summary>Transactions re-executed per wall-clock second (0 when too fast to time).</summary>
    public double TransactionsPerSecond => Elapsed.Ticks <= 0 ? 0 : Transactions / Elapsed.TotalSeconds;

    /// <summary>How long re-executing <paramref name="gas"/> would take at this speed, or null when it was too fast to time.</summary>
    public TimeSpan? TimeFor(ulong gas) => GasPerSecond > 0 ? TimeSpan.FromSeconds(gas / GasPerSecond) : null;
}

/// <summary>The verification of a whole run.</summary>
/// <param name="Result">The run that was verified.</param>
/// <param name="Rollups">One verification per rollup, in declaration order.</param>
public sealed record VerificationReport(SimulationResult Result, ImmutableArray<RollupVerification> Rollups)
{
    /// <summary>True when every rollup derives to the sequencer's roots.</summary>
    public bool AllMatch => Rollups.All(r => r.Matches);
}

/// <summary>
/// An independent check that each rollup's state is a function of L1 data: runs the scenario
/// keeping every L1 block and posted byte, derives every rollup from those alone
/// (<see cref="StandardDerivation"/>), and compares state roots block by block.
/// </summary>
public static class Verifier
{
    /// <summary>Runs <paramref name="scenario"/> with L1 data retained, then verifies it.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">How to run it; L1 data is retained whatever it says. Its <see cref="SimulationOptions.Rules"/> also derive rollups with a derivation or fee-distribution hook.</param>
    public static VerificationReport Run(ScenarioModel scenario, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var run = options ?? SimulationOptions.Default;
        var result = Simulator.Run(scenario, run with { RetainL1Data = true });
        return Verify(scenario, result, run.Rules);
    }

    /// <summary>Verifies a run that retained its L1 data.</summary>
    /// <param name="scenario">The scenario the run simulated.</param>
    /// <param name="result">The run, with its L1 data retained.</param>
    /// <param name="rules">The rules of the scenario's hooks (derivation and fee distribution are the ones derivation runs); null when it has none.</param>
    /// <exception cref="ArgumentException">The run did not retain L1 data, or a rollup has a derivation or fee-distribution hook that is not resolved.</exception>
    public static VerificationReport Verify(ScenarioModel scenario, SimulationResult result, IRuleProvider? rules = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(result);
        if (result.L1Data is not { } log || result.SequencerRoots is not { } roots)
        {
            throw new ArgumentException("The run did not retain its L1 data; run it with SimulationOptions.RetainL1Data.", nameof(result));
        }

        var rollups = ImmutableArray.CreateBuilder<RollupVerification>(scenario.Rollups.Length);
        for (var i = 0; i < scenario.Rollups.Length; i++)
        {
            var rule = RuleRegistry.Derivation.Resolve(scenario.Rollups[i], rules);
            var distributor = RuleRegistry.FeeDistribution.Resolve(scenario.Rollups[i], rules);
            var baseFee = RuleRegistry.BaseFeeMarket.Resolve(scenario.Rollups[i], rules);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var derived = StandardDerivation.Derive(scenario, i, log, rule, distributor, baseFee);
            var elapsed = clock.Elapsed;
            rollups.Add(Compare(roots[i], derived) with
            {
                Speed = new ReExecutionSpeed(derived.Roots.Count, derived.Transactions, derived.Gas, elapsed),
            });
        }

        return new VerificationReport(result, rollups.MoveToImmutable());
    }

    /// <summary>Compares the sequencer's roots with a derivation's.</summary>
    public static RollupVerification Compare(IReadOnlyList<BlockStateRoot> expected, DerivedRollup derived)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(derived);
        var common = Math.Min(expected.Count, derived.Roots.Count);
        var matched = 0;
        while (matched < common && expected[matched].Equals(derived.Roots[matched]))
        {
            matched++;
        }

        RootMismatch? mismatch = null;
        if (matched < common)
        {
            mismatch = new RootMismatch(expected[matched].Number, expected[matched].RootHex, derived.Roots[matched].RootHex);
        }
        else if (derived.Roots.Count > expected.Count)
        {
            mismatch = new RootMismatch(derived.Roots[matched].Number, null, derived.Roots[matched].RootHex);
        }

        ulong? missing = derived.Roots.Count < expected.Count ? expected[derived.Roots.Count].Number : null;
        var notYet = missing is { } first && derived.HighestBlockSeen < first;
        return new RollupVerification(derived.Rollup, expected.Count, derived.Roots.Count, matched, mismatch, missing, notYet, derived.Errors, derived.HighestBlockSeen);
    }
}
