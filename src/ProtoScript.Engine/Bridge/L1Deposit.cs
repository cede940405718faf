using ProtoScript.Language.Model;

namespace ProtoScript.Engine.Bridge;

/// <summary>
/// One deposit transaction on L1: it lands in <paramref name="L1Block"/> and mints
/// <paramref name="Value"/> wei to account <paramref name="To"/> of rollup <paramref name="Rollup"/>
/// in the first L2 block whose L1 origin is that block or a later one.
/// </summary>
/// <param name="L1Block">The L1 block that includes it (the one sealed next after it was sent).</param>
/// <param name="SubmitTime">When the user sent it to L1.</param>
/// <param name="Rollup">The target rollup's index, in declaration order.</param>
/// <param name="To">The account credited on the rollup.</param>
/// <param name="Value">The amount, in wei.</param>
public sealed record L1Deposit(ulong L1Block, SimDuration SubmitTime, int Rollup, int To, UInt128 Value);
