using System.Collections.Immutable;

namespace ProtoScript.Language.Model;

/// <summary>One swept setting: its path and the values it takes, as written.</summary>
/// <param name="Path">The setting, e.g. <c>rollup.A.block_time</c>.</param>
/// <param name="Labels">Each value's source text, e.g. <c>250 ms</c>, in order.</param>
public sealed record SweepAxis(string Path, ImmutableArray<string> Labels);

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
