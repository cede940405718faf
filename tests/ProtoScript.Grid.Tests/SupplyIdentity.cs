using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace ProtoScript.Grid.Tests;

/// <summary>
/// The grid's own conservation check, computed from a run's JSON report alone (not from the
/// engine's <c>conserved</c> flags): on every rollup, and over all rollups with the value between
/// them, every wei that came in (genesis, deposits, issuance, cross-chain receipts) is in an
/// account, burned, withdrawn, or sent on; over all rollups,
/// accounts + burned + withdrawn + in flight = genesis + deposits + issuance, to the wei, plus,
/// under <c>cross_chain_trust = soft</c>, what destinations credited for source blocks that were
/// then reorged out (value the sources no longer sent).
/// </summary>
internal static class SupplyIdentity
{
    /// <summary>What does not add up, one line each; empty when every identity holds.</summary>
    public static IReadOnlyList<string> Check(string json)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        BigInteger totalIn = 0, totalOut = 0, totalSent = 0, totalReceived = 0;
        foreach (var rollup in root.GetProperty("rollups").EnumerateArray())
        {
            var name = rollup.GetProperty("name").GetString();
            var supply = rollup.GetProperty("supply");
            var genesis = Wei(supply, "genesisWei", required: true);
            var accounts = Wei(supply, "inAccountsWei", required: true);
            var burned = Wei(supply, "burnedWei", required: true);
            var issued = Wei(supply, "issuedWei");
            var sent = Wei(supply, "sentCrossChainWei");
            var received = Wei(supply, "receivedCrossChainWei");
            BigInteger deposited = 0, withdrawn = 0;
            if (rollup.TryGetProperty("bridge", out var bridge))
            {
                deposited = Wei(bridge.GetProperty("deposits"), "valueWei", required: true);
                withdrawn = Wei(bridge.GetProperty("withdrawals"), "valueWei", required: true);
            }

            var left = accounts + burned + withdrawn + sent;
            var right = genesis + issued + deposited + received;
            if (left != right)
            {
                problems.Add($"rollup {name}: accounts {accounts} + burned {burned} + withdrawn {withdrawn} + sent cross-chain {sent} = {left}, but genesis {genesis} + issued {issued} + deposited {deposited} + received cross-chain {received} = {right} (off by {left - right} wei)");
            }

            totalOut += accounts + burned + withdrawn;
            totalIn += genesis + deposited + issued;
            totalSent += sent;
            totalReceived += received;
        }

        BigInteger inFlight = 0, locked = 0, unbacked = 0;
        if (root.TryGetProperty("crossChain", out var crossChain))
        {
            inFlight = Wei(crossChain, "valueInFlightWei", required: true);
            locked = Wei(crossChain, "valueFailedWei", required: true);
            if (crossChain.TryGetProperty("softTrust", out var soft))
            {
                unbacked = Wei(soft, "valueFailedWei", required: true);
            }

            var sentTotal = Wei(crossChain, "valueSentWei", required: true);
            var delivered = Wei(crossChain, "valueDeliveredWei", required: true);
            if (sentTotal != totalSent)
            {
                problems.Add($"cross_chain: value sent {sentTotal}, but the rollups sent {totalSent}");
            }

            if (delivered != totalReceived)
            {
                problems.Add($"cross_chain: value delivered {delivered}, but the rollups received {totalReceived}");
            }
        }
        else if (totalSent != 0 || totalReceived != 0)
        {
            problems.Add($"the rollups sent {totalSent} and received {totalReceived} wei cross-chain, but the report has no crossChain section");
        }

        // Locked value (a failed delivery) has left its source and reached no account: it is in flight for good.
        if (totalOut + inFlight + locked != totalIn + unbacked)
        {
            problems.Add($"all rollups: accounts + burned + withdrawn {totalOut} + in flight {inFlight} + locked {locked} = {totalOut + inFlight + locked}, but genesis + deposits + issuance {totalIn} + credited for reorged sources {unbacked} = {totalIn + unbacked} (off by {totalOut + inFlight + locked - totalIn - unbacked} wei)");
        }

        return problems;
    }

    private static BigInteger Wei(JsonElement parent, string property, bool required = false)
    {
        if (!parent.TryGetProperty(property, out var value))
        {
            return required ? throw new InvalidDataException($"the report has no `{property}`") : BigInteger.Zero;
        }

        return BigInteger.Parse(value.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
