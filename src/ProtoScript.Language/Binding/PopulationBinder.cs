using System.Collections.Immutable;
using System.Globalization;
using ProtoScript.Language.Diagnostics;
using ProtoScript.Language.Model;
using ProtoScript.Language.Syntax;

namespace ProtoScript.Language.Binding;

/// <summary>
/// Named user populations in <c>workload</c>: <c>population NAME { users = poisson(RATE) on A ... }</c>,
/// each its own user stream with its own accounts, fees and behaviour. How many accounts each
/// takes is checked against the rollups' accounts in <see cref="CheckAccounts"/>, once the rollups are bound.
/// </summary>
internal sealed class PopulationBinder(BindingState state) : ConstructBinder(state)
{
    /// <summary>The largest replacement bump the language accepts, as a fraction: 1_000 %.</summary>
    internal const double MaxBump = 10;

    private readonly List<(UserStreamModel Model, EntrySyntax Entry)> _bound = [];

    /// <summary>Whether <paramref name="workload"/> declares any population, valid or not.</summary>
    internal static bool HasPopulations(BodySyntax workload) => AllNamed(workload, "population").Any();

    /// <summary>Every population of the workload, in source order; an invalid one is left out with its diagnostics.</summary>
    internal ImmutableArray<UserStreamModel> BindPopulations(BodySyntax workload, Dictionary<string, EntrySyntax> rollups, DistributionModel priorityFee, DistributionModel value)
    {
        var result = ImmutableArray.CreateBuilder<UserStreamModel>();
        var names = new Dictionary<string, EntrySyntax>(StringComparer.Ordinal);
        foreach (var entry in AllNamed(workload, "population"))
        {
            if (In(entry, () => Bind(entry, rollups, priorityFee, value, names)) is { } population)
            {
                result.Add(population);
                _bound.Add((population, entry));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Checks the populations' accounts against each target rollup's: together they fit in the
    /// rollup's user accounts, and at most one population of a rollup leaves <c>accounts</c> out
    /// (it takes the rest).
    /// </summary>
    internal void CheckAccounts(IReadOnlyList<RollupModel> rollups)
    {
        foreach (var rollup in rollups)
        {
            var on = _bound.Where(p => p.Model.Rollups.Contains(rollup.Name)).ToList();
            if (on.Count == 0)
            {
                continue;
            }

            var open = on.Where(p => p.Model.Accounts == 0).ToList();
            foreach (var (model, entry) in open.Skip(1))
            {
                var first = Source.GetPosition(open[0].Entry.Head.Span.Start).Line.ToString(CultureInfo.InvariantCulture);
                Diagnostics.Error(
                    DiagnosticCodes.InvalidValue,
                    Source,
                    entry.Head.Span,
                    $"population `{model.Name}` and population `{open[0].Model.Name}` (line {first}) both leave `accounts` out on rollup `{rollup.Name}`: only one population of a rollup can take the accounts the others leave",
                    $"give population `{model.Name}` `accounts = N`");
            }

            long taken = on.Sum(p => (long)p.Model.Accounts);
            var needed = taken + (open.Count > 0 ? 1 : 0);
            if (needed > rollup.Accounts)
            {
                var last = on.Last(p => p.Model.Accounts > 0 || open.Count > 0);
                var at = AllNamed(last.Entry.Body!, "accounts").FirstOrDefault() is { } written ? written.Span : last.Entry.Head.Span;
                Diagnostics.Error(
                    DiagnosticCodes.OutOfRange,
                    Source,
                    at,
                    $"the populations on rollup `{rollup.Name}` take {taken.ToString(CultureInfo.InvariantCulture)} accounts{(open.Count > 0 ? " and leave none for population `" + open[0].Model.Name + "`" : string.Empty)}, but it has {rollup.Accounts.ToString(CultureInfo.InvariantCulture)} user accounts",
                    $"lower the populations' `accounts`, or give rollup `{rollup.Name}` more (`accounts {needed.ToString(CultureInfo.InvariantCulture)} funded ...`)");
            }
        }
    }

    private UserStreamModel? Bind(EntrySyntax entry, Dictionary<string, EntrySyntax> rollups, DistributionModel priorityFee, DistributionModel value, Dictionary<string, EntrySyntax> names)
    {
        if (entry.IsField || entry.Body is null || entry.Args.Length != 1 || entry.Args[0].Expression is not PathSyntax { Parts.Length: 1 } namePath)
        {
            Diagnostics.Error(DiagnosticCodes.InvalidValue, Source, entry.Span, "`population` is written `population NAME { users = poisson(RATE) on A ... }`", "e.g. `population spammers { users = poisson(40 / s) on A  accounts = 10 }`");
            return null;
        }

        var name = namePath.Text;
        if (names.TryGetValue(name, out var first))
        {
            var line = Source.GetPosition(first.Head.Span.Start).Line.ToString(CultureInfo.InvariantCulture);
            Diagnostics.Error(DiagnosticCodes.Duplicate, Source, namePath.Span, $"population `{name}` is already declared (line {line})", "give each population its own name");
            return null;
        }

        names[name] = entry;
        var fields = Entries(entry.Body, SchemaCatalog.Population, $"in population `{name}`");
        if (!fields.TryGetValue("users", out var users))
        {
            MissingField(namePath.Span, "users", $"population `{name}`", "users = poisson(10 / s) on A", entry.Body);
            return null;
        }

        var rate = ReadPoisson(users);
        var targets = ReadTargets(users, rollups);
        var valid = rate is not null && !targets.IsDefault;
        var accounts = 0;
        if (fields.TryGetValue("accounts", out var a))
        {
            var read = ReadInteger(a, SchemaCatalog.Population["accounts"]);
            valid &= read is not null;
            accounts = (int)(read ?? 0);
        }

        var fee = fields.TryGetValue("priority_fee", out var pf) ? ReadDistribution(pf, Dimension.Ether1) : priorityFee;
        var amount = fields.TryGetValue("value", out var v) ? ReadDistribution(v, Dimension.Ether1) : value;
        DistributionModel? maxFee = null;
        if (fields.TryGetValue("max_fee", out var mf))
        {
            maxFee = ReadDistribution(mf, Dimension.Ether1);
            valid &= maxFee is not null;
        }

        var hashRate = ReadHashRate(fields, ref valid);
        var solves = !fields.TryGetValue("solves_pow", out var s) || (ReadBool(s, "`true`: it searches for a nonce; `false`: it sends without one") ?? true);
        var replace = 0.0;
        if (fields.TryGetValue("replace", out var r))
        {
            var share = ReadShare(r, "20 %");
            valid &= share is not null;
            replace = share ?? 0;
        }

        var bump = MempoolModel.DefaultReplacementBump;
        if (fields.TryGetValue("bump", out var b))
        {
            var read = ReadBump(b);
            valid &= read is not null;
            bump = read ?? bump;
        }

        if (!valid || fee is null || amount is null)
        {
            return null;
        }

        return new UserStreamModel(rate!.Value, targets, fee, amount)
        {
            Name = name,
            Accounts = accounts,
            HashRate = hashRate,
            SolvesPow = solves,
            ReplaceShare = replace,
            ReplaceBump = bump,
            MaxFee = maxFee,
        };
    }

    private double ReadHashRate(Dictionary<string, EntrySyntax> fields, ref bool valid)
    {
        if (!fields.TryGetValue("hash_rate", out var h))
        {
            return UserStreamModel.DefaultHashRate;
        }

        if (ScalarValue(h) is not { } rate || !ExpectDimension(rate, Dimension.Rate, "1_000_000 / s"))
        {
            valid = false;
            return UserStreamModel.DefaultHashRate;
        }

        // Per microsecond; a magnitude past 1e9 is out of range before scaling could overflow a decimal.
        var magnitude = ((QuantityValue)rate).Magnitude;
        var perSecond = magnitude > 1_000_000_000m ? double.PositiveInfinity : (double)(magnitude * 1_000_000m);
        if (perSecond < 1 || perSecond > 1e12)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, rate.Span, "`hash_rate` must be between 1 / s and 1e12 / s");
            valid = false;
            return UserStreamModel.DefaultHashRate;
        }

        return Accepted(rate, perSecond);
    }

    /// <summary>A fee raise from 0 % to 1_000 %, as a fraction; shared with the mempool's <c>replacement_bump</c>.</summary>
    internal double? ReadBump(EntrySyntax entry)
    {
        var value = ScalarValue(entry);
        if (value is null or ErrorValue)
        {
            return null;
        }

        Observe(entry.Head.Text, value, "0 %", "1000 %");
        if (value is not QuantityValue { IsPercent: true } percent || percent.Magnitude < 0 || percent.Magnitude > (decimal)MaxBump)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, Source, value.Span, $"`{entry.Head.Text}` must be a percentage between 0 % and 1_000 %, found {value.Describe()}", $"e.g. `{entry.Head.Text} = 10 %`");
            return null;
        }

        return Accepted(value, (double)percent.Magnitude);
    }
}
