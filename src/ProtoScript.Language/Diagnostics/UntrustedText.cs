using System.Globalization;
using System.Text;

namespace ProtoScript.Language.Diagnostics;

/// <summary>
/// Text that a scenario's C# hooks produced at run time (an exception's message, a derivation
/// rule's reason), made safe to print: every output that shows such text goes through
/// <see cref="Show"/>. Control and format characters are written as escapes (<c>\n</c>,
/// <c>\u001b</c>), so a hook cannot start a new line that looks like one of ours
/// (<c>error PS0000</c>), move the cursor or recolour the terminal; and the text is cut to
/// <see cref="MaxLength"/> characters, so a hook cannot flood the output.
/// </summary>
public static class UntrustedText
{
    /// <summary>The most characters of one piece of hook-provided text that are shown, escapes included.</summary>
    public const int MaxLength = 500;

    /// <summary>
    /// <paramref name="text"/> with control, format and unpaired surrogate characters escaped
    /// (<c>\n</c>, <c>\r</c>, <c>\t</c>, else <c>\uXXXX</c>),
    /// cut to <paramref name="maxLength"/> characters and followed by <c>… (N more characters)</c> when cut.
    /// </summary>
    /// <param name="text">What the hook produced; null is shown as an empty string.</param>
    /// <param name="maxLength">The most characters kept before the ellipsis.</param>
    public static string Show(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 32);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            string piece;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                piece = text.Substring(i, 2);
                width = 2;
            }
            else
            {
                piece = Escape(c) ?? c.ToString();
            }

            if (sb.Length + piece.Length > maxLength)
            {
                break;
            }

            sb.Append(piece);
            i += width;
        }

        if (i < text.Length)
        {
            var rest = text.Length - i;
            sb.Append(CultureInfo.InvariantCulture, $"… ({rest} more character{(rest == 1 ? string.Empty : "s")})");
        }

        return sb.ToString();
    }

    private static string? Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
        _ => null,
    };
}
