using System.Collections.Immutable;
using ProtoScript.Language.Syntax;
using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary><c>rollup NAME like PARENT</c>, as written.</summary>
/// <param name="Parent">The argument in the parent's place (the third), when it is a name or path; null otherwise.</param>
/// <param name="IsWellFormed">True when the arguments are exactly <c>like</c> and a one-part name.</param>
internal readonly record struct LikeClause(PathSyntax? Parent, bool IsWellFormed);

/// <summary><c>[NAME] for A, B, ...</c>, as written: the optional name and the listed rollups.</summary>
/// <param name="Name">The declared name (null for <c>provers</c>, which have none).</param>
/// <param name="Targets">The arguments after <c>for</c>.</param>
internal readonly record struct ForClause(PathSyntax? Name, ImmutableArray<ArgumentSyntax> Targets)
{
    /// <summary>From the first listed rollup to the last.</summary>
    public TextSpan TargetsSpan => Targets[0].Span.Cover(Targets[^1].Span);
}

/// <summary><c>START for LENGTH</c> (and, for <c>censor</c>, <c>SHARE at START for LENGTH</c>), as written.</summary>
/// <param name="Start">The start's expression.</param>
/// <param name="Length">The argument holding the length.</param>
internal readonly record struct WindowClause(ExpressionSyntax Start, ArgumentSyntax Length);

/// <summary>
/// The argument forms of the language, each decoded in this one place, by the declaration
/// pass and the binders alike, so that "which argument is the parent" is never answered twice.
/// </summary>
internal static class EntryForms
{
    /// <summary>Whether an argument is the keyword <paramref name="keyword"/>.</summary>
    public static bool IsKeyword(ArgumentSyntax argument, string keyword) => argument.Expression is PathSyntax p && p.Text == keyword;

    /// <summary>The declared name of an entry whose first argument is a one-part name (<c>rollup A</c>, <c>l1 ethereum</c>, <c>token usdc</c>).</summary>
    public static PathSyntax? DeclaredName(EntrySyntax entry) =>
        entry.Args.Length > 0 && entry.Args[0].Expression is PathSyntax { Parts.Length: 1 } name ? name : null;

    /// <summary>The <c>like PARENT</c> after a rollup's name, or null when there are no arguments after the name.</summary>
    public static LikeClause? Like(EntrySyntax rollup)
    {
        if (rollup.Args.Length < 2)
        {
            return null;
        }

        var parent = rollup.Args.Length == 3 && rollup.Args[2].Expression is PathSyntax p ? p : null;
        return new LikeClause(parent, IsKeyword(rollup.Args[1], "like") && parent is { Parts.Length: 1 });
    }

    /// <summary>
    /// <c>for A, B</c> (<paramref name="named"/> false, as <c>provers</c> write it) or
    /// <c>NAME for A, B</c>; null when the entry is not written so.
    /// </summary>
    public static ForClause? For(EntrySyntax entry, bool named)
    {
        var at = named ? 1 : 0;
        if (entry.Args.Length < at + 2 || (named && DeclaredName(entry) is null) || !IsKeyword(entry.Args[at], "for"))
        {
            return null;
        }

        return new ForClause(named ? DeclaredName(entry) : null, entry.Args[(at + 1)..]);
    }

    /// <summary>The rollups after <c>on</c> in <c>users = poisson(...) on A, B</c>; default when the entry has no <c>on</c> list.</summary>
    public static ImmutableArray<ArgumentSyntax> On(EntrySyntax stream) =>
        stream.Args.Length >= 2 && IsKeyword(stream.Args[0], "on") ? stream.Args[1..] : default;

    /// <summary><c>START for LENGTH</c>: <paramref name="start"/> then <paramref name="rest"/>; null when not written so.</summary>
    public static WindowClause? Window(ExpressionSyntax? start, ImmutableArray<ArgumentSyntax> rest) =>
        start is null || rest.Length != 2 || !IsKeyword(rest[0], "for") ? null : new WindowClause(start, rest[1]);

    /// <summary><c>at START for LENGTH</c> after a value: the arguments after <c>at</c>; default when not written so.</summary>
    public static ImmutableArray<ArgumentSyntax> At(ImmutableArray<ArgumentSyntax> args) =>
        args.Length == 4 && IsKeyword(args[0], "at") ? args[1..] : default;
}
