namespace ProtoScript.Hooks;

/// <summary>
/// Who fees go to: the one fee-role enum of ProtoScript. A fee-distribution hook pays these
/// (<c>Pay(Role.Treasury, amount)</c>), a scenario's <c>fees { ... }</c> block names them, and
/// the engine books and settles fees by them. It lives here because this assembly references
/// nothing, so the language and the engine can share it with the hooks' API.
/// </summary>
public enum Role
{
    /// <summary>Destroyed: leaves the supply (the base fee by default). What a hook leaves unpaid is burned too. It has no account.</summary>
    Burned,

    /// <summary>The sequencer (or proposer): the priority fee, and its share of a fee split.</summary>
    Sequencer,

    /// <summary>Block builders, when proposing and building are separate.</summary>
    Builder,

    /// <summary>The prover(s) of the rollup's blocks.</summary>
    Prover,

    /// <summary>The batcher, paid back what posting the rollup's data (blobs or calldata) to L1 cost.</summary>
    DataAvailability,

    /// <summary>The protocol's treasury.</summary>
    Treasury,
}
