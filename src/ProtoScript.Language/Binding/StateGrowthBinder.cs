using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// The workload fields that make state grow: transfers to fresh addresses (<c>new_accounts</c>)
/// and contract-storage writes (<c>storage_writes</c>, <c>storage_slots</c>, <c>new_slots</c>).
/// </summary>
internal sealed class StateGrowthBinder(BindingState state) : ConstructBinder(state)
{
    internal UserStreamModel Bind(Dictionary<string, EntrySyntax> fields, UserStreamModel stream)
    {
        var fresh = fields.TryGetValue("new_accounts", out var accounts) ? ReadShare(accounts, "20 %") ?? 0 : 0;
        var writes = fields.TryGetValue("storage_writes", out var storage) ? ReadShare(storage, "10 %") ?? 0 : 0;
        var slots = fields.TryGetValue("storage_slots", out var slotsEntry) ? ReadInteger(slotsEntry, SchemaCatalog.Workload["storage_slots"]) : null;
        var newSlots = fields.TryGetValue("new_slots", out var newEntry) ? ReadShare(newEntry, "50 %") : null;
        foreach (var (name, entry) in new[] { ("storage_slots", slotsEntry), ("new_slots", newEntry) })
        {
            if (entry is not null && storage is null)
            {
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    entry.Head.Span,
                    $"`{name}` describes storage writes, but the workload has no `storage_writes`",
                    $"add `storage_writes = 10 %`, or remove `{name}`");
            }
        }

        return stream with
        {
            NewAccountShare = fresh,
            StorageWriteShare = writes,
            SlotsPerWrite = slots is { } s ? (int)s : 1,
            NewSlotShare = newSlots ?? 0.5,
        };
    }
}
