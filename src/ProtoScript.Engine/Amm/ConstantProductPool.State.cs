namespace ProtoScript.Engine.Amm;

/// <summary>Everything a swap changes in a pool, saved so a discarded block candidate's swaps can be taken back.</summary>
internal readonly record struct PoolState(UInt128 Reserve0, UInt128 Reserve1, UInt128 FeesAccrued0, UInt128 FeesAccrued1, long SwapCount);

/// <summary>Saving and loading the pool's state in place, so whoever holds the pool sees the loaded state.</summary>
public sealed partial class ConstantProductPool
{
    internal PoolState Save() => new(Reserve0, Reserve1, FeesAccrued0, FeesAccrued1, SwapCount);

    internal void Load(in PoolState state)
    {
        Reserve0 = state.Reserve0;
        Reserve1 = state.Reserve1;
        FeesAccrued0 = state.FeesAccrued0;
        FeesAccrued1 = state.FeesAccrued1;
        SwapCount = state.SwapCount;
    }
}
