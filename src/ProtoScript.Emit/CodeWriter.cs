using System.Text;

namespace ProtoScript.Emit;

/// <summary>Indented C# text with LF line endings, whatever the machine's newline.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
    }

    public void Open()
    {
        Line("{");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public void Indent() => _depth++;

    public void Dedent() => _depth--;

    public override string ToString() => _text.ToString();
}
