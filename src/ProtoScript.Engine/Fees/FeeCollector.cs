using ProtoScript.Engine.Results;
using ProtoScript.Hooks;

namespace ProtoScript.Engine.Fees;

/// <summary>Turns a settlement's counters into its result.</summary>
internal static class FeeCollector
{
    /// <summary>The role names of reports, in <see cref="Role"/> order.</summary>
    public static readonly string[] RoleNames = ["burned", "sequencer", "builder", "prover", "data_availability", "treasury"];

    public static FeeDistributionResult? Collect(FeeSettlement? settlement) => settlement is null ? null : new FeeDistributionResult(
        settlement.Model.Hook is null ? BuiltInFeeRules.Of(settlement.Model.Rule).Key : "csharp",
        settlement.Model.L1DataFee,
        settlement.BaseFees,
        settlement.PriorityFees,
        settlement.L1DataFees,
        settlement.Issued,
        settlement.DaCost,
        settlement.ProofCost,
        [.. Enum.GetValues<Role>().Select(r => new RoleFees(RoleNames[(int)r], settlement.Received[r], settlement.Deficit(r)))])
    {
        OperatorFees = settlement.OperatorFees,
        Components = settlement.Model.Hook is null && settlement.Model.Rule == Language.Model.FeeSplitRule.Arbitrum
            ? [.. settlement.Components, new FeeComponent("l1_pricer_deficit", settlement.Deficit(Role.DataAvailability))]
            : [.. settlement.Components],
        IssuedTo = RoleNames[(int)settlement.Model.IssuanceTo],
    };
}
