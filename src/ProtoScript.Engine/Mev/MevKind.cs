namespace ProtoScript.Engine.Mev;

/// <summary>What kind of MEV was extracted. Reports list kinds in declaration order.</summary>
public enum MevKind
{
    /// <summary>CEX–DEX (or cross-pool) arbitrage: closing a price gap.</summary>
    Arbitrage,

    /// <summary>A trade placed right behind another transaction to take the price move it caused.</summary>
    BackRun,
}

/// <summary>Who captured MEV, by role. Reports list roles in declaration order.</summary>
public enum MevCaptorRole
{
    /// <summary>An independent searcher or arbitrageur.</summary>
    Arbitrageur,

    /// <summary>A block builder.</summary>
    Builder,

    /// <summary>A sequencer (or proposer) that orders the block.</summary>
    Sequencer,
}

/// <summary>Stable names of MEV kinds and captor roles, as reports print them.</summary>
public static class MevNames
{
    /// <summary>Every kind, in report order.</summary>
    public static IReadOnlyList<MevKind> Kinds { get; } = Enum.GetValues<MevKind>();

    /// <summary>The snake_case name of a kind.</summary>
    public static string Name(MevKind kind) => kind switch
    {
        MevKind.Arbitrage => "arbitrage",
        MevKind.BackRun => "back_run",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown MEV kind."),
    };

    /// <summary>The snake_case name of a role.</summary>
    public static string Name(MevCaptorRole role) => role switch
    {
        MevCaptorRole.Arbitrageur => "arbitrageur",
        MevCaptorRole.Builder => "builder",
        MevCaptorRole.Sequencer => "sequencer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown MEV captor role."),
    };
}

/// <summary>
/// One captor of MEV: a role and the scenario's name for the actor (e.g. <c>arbitrageur arb1</c>).
/// Captors sort by role, then by id in ordinal order, so reports list them the same way everywhere.
/// </summary>
/// <param name="Role">The captor's role.</param>
/// <param name="Id">The actor's name in the scenario.</param>
public readonly record struct MevCaptor(MevCaptorRole Role, string Id) : IComparable<MevCaptor>
{
    /// <inheritdoc />
    public int CompareTo(MevCaptor other)
    {
        var byRole = Role.CompareTo(other.Role);
        return byRole != 0 ? byRole : string.CompareOrdinal(Id, other.Id);
    }

    /// <inheritdoc />
    public override string ToString() => MevNames.Name(Role) + " " + Id;
}
