using ProtoScript.Engine.Mempool;
using ProtoScript.Engine.State;

namespace ProtoScript.Engine.CrossChain;

/// <summary>The state transition of a delivery, shared by the sequencer and by derivation.</summary>
internal static class CrossChainExecution
{
    /// <summary>Credits the delivery's value to its recipient; false, with no change, when the recipient is no account here.</summary>
    public static bool TryDeliver(AccountState state, in Transaction delivery)
    {
        if (delivery.To < 0 || delivery.To >= state.Count)
        {
            return false;
        }

        state.Credit(delivery.To, delivery.Value);
        return true;
    }
}
