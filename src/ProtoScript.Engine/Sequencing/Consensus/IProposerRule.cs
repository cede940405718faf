using ProtoScript.Hooks;

namespace ProtoScript.Engine.Sequencing.Consensus;

/// <summary>
/// Who proposes a round of a BFT set when a C# hook decides it (<c>proposer = csharp ...</c>);
/// the built-in rotations are round robin and stake-weighted (<see cref="TendermintAgreement"/>).
/// </summary>
public interface IProposerRule
{
    /// <summary>The proposing node, 1 … <see cref="ProposerView.Nodes"/>, of the round <paramref name="round"/> describes.</summary>
    int Proposer(ProposerView round);
}
