using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ProtoScript.Scripting;

/// <summary>
/// Inserts the budget checks into the generated tree after it passed the sandbox: a step
/// at the start of every loop body and before every <c>goto</c>, and an enter/exit pair
/// around every method, local function, lambda and anonymous method body. Every way hook
/// code can repeat work goes through one of these, so a call's work is bounded in steps
/// and its recursion in depth.
/// </summary>
internal sealed class BudgetRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    /// <summary>The prefix of the names the rewriter declares; the sandbox refuses it in hook code.</summary>
    public const string ReservedPrefix = "__ps";

    private const string Budget = "global::ProtoScript.Hooks.Runtime.HookBudget";

    private int _caught;

    private static StatementSyntax StepCall => ParseStatement(Budget + ".Step();");

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(Guard(body));
        }

        var returnsVoid = model.GetDeclaredSymbol(node) is IMethodSymbol { ReturnsVoid: true };
        return visited
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(Guard(BodyOf(visited.ExpressionBody!.Expression, returnsVoid)));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node) =>
        GuardLambda(node, (AnonymousFunctionExpressionSyntax)base.VisitAnonymousMethodExpression(node)!);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Counted(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Counted(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Counted(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Counted(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Counted(visited.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var visited = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        return Block(StepCall, visited);
    }

    /// <summary>
    /// <c>new T[n]</c> becomes <c>new T[HookBudget.Length(n, size)]</c>: an array that alone is larger
    /// than the call's allocation budget stops the call before it is allocated, so it is PS4005
    /// on every machine, whatever memory the process has. Sizes are fixed per element type (8
    /// bytes for a reference or a struct of the hook's), never the machine's.
    /// </summary>
    public override SyntaxNode? VisitArrayCreationExpression(ArrayCreationExpressionSyntax node)
    {
        var visited = (ArrayCreationExpressionSyntax)base.VisitArrayCreationExpression(node)!;
        // With an initializer, C# wants constant sizes, and the initializer's length is the array's.
        if (model.GetTypeInfo(node).Type is not IArrayTypeSymbol array || visited.Type.RankSpecifiers.Count == 0 || visited.Initializer is not null)
        {
            return visited;
        }

        var size = ElementSize(array.ElementType);
        var first = visited.Type.RankSpecifiers[0];
        var sizes = first.Sizes.Select(e => e is OmittedArraySizeExpressionSyntax
            ? e
            : InvocationExpression(
                ParseExpression(Budget + ".Length"),
                ArgumentList(SeparatedList([Argument(e), Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(size)))]))));
        return visited.WithType(visited.Type.WithRankSpecifiers(visited.Type.RankSpecifiers.Replace(first, first.WithSizes(SeparatedList(sizes)))));
    }

    private static int ElementSize(ITypeSymbol element) => element.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
        SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Decimal => 16,
        _ when element is INamedTypeSymbol { Name: "Int128" or "UInt128", ContainingNamespace.Name: "System" } => 16,
        _ => 8,
    };

    /// <summary>
    /// <c>catch (E e) when (HookBudget.MayCatch(e) &amp;&amp; (filter))</c>: a hook cannot catch the
    /// budget's exception or running out of memory, so both end the call the same way in process
    /// and in an isolated worker (PS4005), whatever the hook catches.
    /// </summary>
    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        var declaration = visited.Declaration
            ?? CatchDeclaration(ParseTypeName("global::System.Exception").WithTrailingTrivia(Space));
        if (declaration.Identifier.IsKind(SyntaxKind.None))
        {
            declaration = declaration.WithIdentifier(Identifier(ReservedPrefix + "Caught" + _caught++));
        }

        ExpressionSyntax mayCatch = InvocationExpression(
            ParseExpression(Budget + ".MayCatch"),
            ArgumentList(SingletonSeparatedList(Argument(IdentifierName(declaration.Identifier.WithoutTrivia())))));
        var filter = visited.Filter is { } existing
            ? BinaryExpression(SyntaxKind.LogicalAndExpression, mayCatch, ParenthesizedExpression(existing.FilterExpression))
            : mayCatch;
        return visited.WithDeclaration(declaration).WithFilter(CatchFilterClause(filter));
    }

    private SyntaxNode GuardLambda(AnonymousFunctionExpressionSyntax original, AnonymousFunctionExpressionSyntax visited)
    {
        if (visited.Block is { } block)
        {
            return visited.WithBlock(Guard(block));
        }

        var returnsVoid = model.GetSymbolInfo(original).Symbol is IMethodSymbol { ReturnsVoid: true };
        return visited.WithExpressionBody(null).WithBlock(Guard(BodyOf(visited.ExpressionBody!, returnsVoid)));
    }

    private static BlockSyntax BodyOf(ExpressionSyntax expression, bool returnsVoid) => Block(
        expression is ThrowExpressionSyntax thrown ? ThrowStatement(thrown.Expression)
        : returnsVoid ? ExpressionStatement(expression)
        : ReturnStatement(expression));

    /// <summary><c>{ Enter(); try { body } finally { Exit(); } }</c>: the depth stays exact even when user code catches an exception.</summary>
    private static BlockSyntax Guard(BlockSyntax body) => Block(
        ParseStatement(Budget + ".Enter();"),
        TryStatement(body, default, FinallyClause(Block(ParseStatement(Budget + ".Exit();")))));

    private static BlockSyntax Counted(StatementSyntax body) => Block(StepCall, body);
}
