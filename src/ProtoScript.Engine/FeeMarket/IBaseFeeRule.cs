using ProtoScript.Hooks;

namespace ProtoScript.Engine.FeeMarket;

/// <summary>
/// A rollup's base fee per block when a C# hook decides it (<c>base_fee_market = csharp ...</c>);
/// the built-in rules are EIP-1559 and the speed limit (<see cref="L2BaseFeeMarket"/>).
/// </summary>
public interface IBaseFeeRule
{
    /// <summary>The base fee per gas, in wei, of the block after <paramref name="parent"/>; at most <see cref="Language.Model.BaseFeeMarketModel.MaxHookedBaseFee"/>.</summary>
    UInt128 BaseFee(in BaseFeeParentView parent);
}
