using ProtoScript.Language.Text;

namespace ProtoScript.Language.Binding;

/// <summary>A range the binder checked a value against: where the value is written and the bounds as source text.</summary>
/// <param name="Field">The field's name when the reader knows it, else null.</param>
/// <param name="Source">The file the value is in.</param>
/// <param name="Span">The value's span, which a bound can replace.</param>
/// <param name="Min">The smallest accepted value, as source text with its unit (e.g. <c>1000 us</c>).</param>
/// <param name="Max">The largest accepted value, likewise.</param>
internal sealed record CheckedRange(string? Field, SourceText Source, TextSpan Span, string Min, string Max);
