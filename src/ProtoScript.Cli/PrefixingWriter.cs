using System.Text;

namespace ProtoScript.Cli;

/// <summary>
/// Writes every non-empty line it is given to another writer with a prefix, so that the parse errors
/// System.CommandLine prints carry the tool's <c>proto-script: error PS0003:</c> like every other error.
/// </summary>
internal sealed class PrefixingWriter(TextWriter inner, string prefix) : TextWriter
{
    private bool _atLineStart = true;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (value == '\r')
        {
            return;
        }

        // A blank line (System.CommandLine writes one before the help) stays blank, and an
        // indented line continues the error above it (the list of allowed values).
        if (_atLineStart && value is not ('\n' or '\t' or ' '))
        {
            inner.Write(prefix);
            _atLineStart = false;
        }

        inner.Write(value);
        _atLineStart = value == '\n';
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            Write(c);
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        Write(value);
        Write('\n');
    }

    /// <inheritdoc/>
    public override void WriteLine() => Write('\n');
}
