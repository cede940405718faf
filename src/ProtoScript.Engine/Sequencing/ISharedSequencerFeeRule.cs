using ProtoScript.Hooks;

namespace ProtoScript.Engine.Sequencing;

/// <summary>
/// What an external shared sequencer's network charges a rollup for its block of one slot when a
/// C# hook decides it (<c>fee = csharp ...</c>); the built-in rule is a fee per gas (<see cref="SlotCoordinator.FeePerGas"/>).
/// </summary>
public interface ISharedSequencerFeeRule
{
    /// <summary>The fee in wei for the block <paramref name="block"/> describes; at most <see cref="Language.Model.SharedSequencerModel.MaxHookedFee"/>.</summary>
    UInt128 Fee(in SequencerFeeView block);
}
