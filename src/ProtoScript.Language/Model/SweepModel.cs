using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>One swept setting: its path and the values it takes, as written.</summary>
/// <param name="Path">The setting, e.g. <c>rollup.A.block_time</c>.</param>
/// <param name="Labels">Each value's source text, e.g. <c>250 ms</c>, in order.</param>
public sealed record SweepAxis(string Path, ImmutableArray<string> Labels)
{
    /// <summary>
    /// Each value as a number in its dimension's base unit (see <see cref="AxisValue"/>), in
    /// <see cref="Labels"/> order; an entry is null for a value that is not a plain quantity
    /// (a name such as <c>round_robin</c>, a call such as <c>poisson(2 / s)</c>). Empty when unknown.
    /// </summary>
    public ImmutableArray<AxisValue?> Values { get; init; } = [];
}

/// <summary>
/// A swept value as a number: its magnitude in the base unit of its dimension, and that unit's
/// name — <c>us</c> for times, <c>wei</c> for ether, <c>gas</c>, <c>B</c> for sizes, <c>bits</c>,
/// <c>1/us</c> for rates, <c>wei/gas</c> for prices per gas, a token's name for its smallest
/// unit, <c>ratio</c> for a percentage (12 % is 0.12) and the empty string for a plain number.
/// </summary>
/// <param name="Value">The magnitude in base units, e.g. 250000 for <c>250 ms</c>.</param>
/// <param name="Unit">The base unit's name, e.g. <c>us</c>.</param>
public sealed record AxisValue(decimal Value, string Unit);

/// <summary>One point of a sweep: a value per axis and the scenario bound with them.</summary>
/// <param name="Labels">The value of each axis at this point, in axis order.</param>
/// <param name="Model">The scenario with these values applied.</param>
public sealed record SweepPoint(ImmutableArray<string> Labels, ScenarioModel Model);

/// <summary>
/// A parameter sweep: every combination of the axes' values (a grid), each run
/// <see cref="Runs"/> times with seeds <c>seed</c>, <c>seed + 1</c>, ... so that every point
/// sees the same random streams (common random numbers make points comparable).
/// </summary>
/// <param name="Axes">The swept settings, in source order.</param>
/// <param name="Runs">Runs per point.</param>
/// <param name="Points">Every combination, the last axis varying fastest.</param>
public sealed record SweepModel(ImmutableArray<SweepAxis> Axes, int Runs, ImmutableArray<SweepPoint> Points);
