using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace ProtoScript.Language.Tests.Fuzzing;

/// <summary>One fuzz input: a seed file and the mutations applied to it, in order.</summary>
/// <param name="Seed">Index into <see cref="FuzzInputs.Seeds"/>.</param>
/// <param name="Mutations">What is done to it; CsCheck shrinks this list when a property fails.</param>
internal sealed record FuzzCase(int Seed, FuzzInputs.Mutation[] Mutations)
{
    /// <summary>The text the properties see.</summary>
    public string Text => FuzzInputs.Apply(this);
}

/// <summary>
/// Inputs for the fuzz properties: every example scenario (and every attack of the attack
/// corpus, which is all hooks), mutated by bit flips, token insertions, deletions and
/// duplications, splices between files, unusual line breaks and characters, and huge numbers.
/// </summary>
internal static partial class FuzzInputs
{
    /// <summary>What a mutation does at its position.</summary>
    public enum Kind
    {
        /// <summary>Flips one bit of one character (any UTF-16 unit, so lone surrogates too).</summary>
        FlipBit,

        /// <summary>Inserts a token taken from the seed files.</summary>
        InsertToken,

        /// <summary>Deletes a run of characters.</summary>
        Delete,

        /// <summary>Duplicates a run of characters in place.</summary>
        Duplicate,

        /// <summary>Replaces the rest of the text with the tail of another seed.</summary>
        Splice,

        /// <summary>Inserts a line break or character a lexer can get wrong (U+2028, U+2029, NEL, bare CR, BOM, NUL, ...).</summary>
        Unicode,

        /// <summary>Inserts a number too large, too precise or malformed.</summary>
        Number,

        /// <summary>Inserts what delimits C#: hook openers, braces, quotes, comment markers.</summary>
        HookDelimiter,

        /// <summary>Moves a run of characters somewhere else.</summary>
        Move,
    }

    /// <summary>One edit; positions are fractions of the current length so that they survive earlier edits.</summary>
    public readonly record struct Mutation(Kind Kind, double At, int Length, int Pick, double Other);

    private static readonly string[] Unusual =
    [
        "\u2028", "\u2029", "\u0085", "\r", "\r\n", "\n\r", "\uFEFF", "\0", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\u202E",
        "\u0301", "\u00A0", "\u3000", "\t", "\v", "\f", "\u00E9", "\uD835\uDD38", "\u0660", "\uFF10", "\u2212", "\uFFFF",
    ];

    private static readonly string[] Numbers =
    [
        new string('9', 40), "1" + new string('0', 400), "18446744073709551616", "340282366920938463463374607431768211456",
        "-9223372036854775809", "9223372036854775808", "1e308", "1e999", "0.0000000000000000000000001", "1_", "1__0", "_1",
        "0x10", "00", "1.", ".5", "1e", "1.5e-400", "99999999999999999999 eth", "1 / 0 s", "0 / s", "-0", "1 %", "1000 %",
        "999999999999 min", "4294967296 gwei", "2147483648", "1_000_000_000_000_000_000_000_000_000 wei",
    ];

    private static readonly string[] HookDelimiters =
    [
        "csharp {", "csharp =>", "csharp", "=>", "{", "}", "(", ")", "[", "]", "\"", "@\"", "$\"{", "$@\"{", "$$\"\"\"{{", "\"\"\"",
        "'", "'\\''", "'{'", "\"}\"", "//", "/*", "*/", "#if X", "#line 1", "\\", "{{", "}}", ";", "\n", "//}\n",
    ];

    /// <summary>The repository root, found from the test binary by the solution file.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The texts mutations start from, in a fixed order.</summary>
    public static ImmutableArray<string> Seeds { get; } = LoadSeeds();

    /// <summary>Every distinct token-like piece of the seeds (words, numbers, punctuation runs).</summary>
    public static ImmutableArray<string> Tokens { get; } =
        [.. Seeds.SelectMany(s => TokenPattern().Matches(s).Select(m => m.Value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Mutations.</summary>
    public static Gen<Mutation> Mutations { get; } =
        Gen.Select(Gen.Enum<Kind>(), Gen.Double[0, 1], Gen.Int[1, 64], Gen.Int[0, int.MaxValue], Gen.Double[0, 1], (k, at, len, pick, other) => new Mutation(k, at, len, pick, other));

    /// <summary>A seed and up to 12 mutations of it (none: the seed as it is).</summary>
    public static Gen<FuzzCase> Cases { get; } =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutations.Array[0, 12], (seed, mutations) => new FuzzCase(seed, mutations));

    /// <summary>Applies a case's mutations to its seed.</summary>
    public static string Apply(FuzzCase fuzzCase)
    {
        var text = new StringBuilder(Seeds[fuzzCase.Seed]);
        foreach (var m in fuzzCase.Mutations)
        {
            var at = (int)(m.At * text.Length);
            var length = Math.Min(m.Length, text.Length - at);
            switch (m.Kind)
            {
                case Kind.FlipBit when at < text.Length:
                    text[at] = (char)(text[at] ^ (1 << (m.Pick % 16)));
                    break;
                case Kind.InsertToken:
                    text.Insert(at, Tokens[m.Pick % Tokens.Length]);
                    break;
                case Kind.Delete:
                    text.Remove(at, length);
                    break;
                case Kind.Duplicate:
                    text.Insert(at, text.ToString(at, length));
                    break;
                case Kind.Splice:
                    var other = Seeds[m.Pick % Seeds.Length];
                    text.Length = at;
                    text.Append(other, (int)(m.Other * other.Length), other.Length - (int)(m.Other * other.Length));
                    break;
                case Kind.Unicode:
                    text.Insert(at, Unusual[m.Pick % Unusual.Length]);
                    break;
                case Kind.Number:
                    text.Insert(at, Numbers[m.Pick % Numbers.Length]);
                    break;
                case Kind.HookDelimiter:
                    text.Insert(at, HookDelimiters[m.Pick % HookDelimiters.Length]);
                    break;
                case Kind.Move when length > 0:
                    var piece = text.ToString(at, length);
                    text.Remove(at, length);
                    text.Insert((int)(m.Other * text.Length), piece);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A regression input as one line of ASCII: every character outside printable ASCII, and
    /// <c>\</c>, as <c>\uXXXX</c>, so lone surrogates, CRs and NULs survive git and editors.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= ' ' and <= '~' && c != '\\')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return sb.ToString();
    }

    /// <summary>The inverse of <see cref="Escape"/>.</summary>
    public static string Unescape(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 5 < line.Length && line[i + 1] == 'u')
            {
                sb.Append((char)int.Parse(line.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 5;
            }
            else
            {
                sb.Append(line[i]);
            }
        }

        return sb.ToString();
    }

    private static ImmutableArray<string> LoadSeeds()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "examples"), "*.proto-script")
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "tests", "ProtoScript.Language.Tests", "Data"), "*.proto-script"));
        var attacks = Path.Combine(Root, "tests", "ProtoScript.Attacks.Tests", "Corpus");
        if (Directory.Exists(attacks))
        {
            files = files.Concat(Directory.EnumerateFiles(attacks, "*.proto-script"));
        }

        return [.. files.Order(StringComparer.Ordinal).Select(File.ReadAllText)];
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProtoScript.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProtoScript.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9_.]*|[^\sA-Za-z0-9_]{1,3}")]
    private static partial Regex TokenPattern();
}
