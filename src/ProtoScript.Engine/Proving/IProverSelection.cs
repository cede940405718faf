namespace ProtoScript.Engine.Proving;

/// <summary>
/// A prover-selection rule: assigns one proof job, updating the provers it occupies. Jobs
/// arrive in the order blocks are sealed; each rule is its own component so that rules can
/// be swapped without touching the pipeline.
/// </summary>
public interface IProverSelection
{
    /// <summary>The rule's name in reports.</summary>
    string Name { get; }

    /// <summary>Proves <paramref name="job"/> with the provers of <paramref name="pool"/>.</summary>
    ProofOutcome Prove(in ProofJob job, ProverPool pool);
}

/// <summary>
/// Chooses the one prover that proves a job (a leader); what a C# selection hook implements.
/// The chosen prover starts when the job is ready and it is free, so a busy leader queues the job.
/// </summary>
public interface IProverChooser
{
    /// <summary>The index of the prover that proves <paramref name="job"/>.</summary>
    int Choose(in ProofJob job, IReadOnlyList<ProverState> provers);
}
