using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProtoScript.Reporting.Document;

namespace ProtoScript.Reporting.Rendering;

/// <summary>
/// Writes a report document as indented JSON: sections are objects, arrays or inline groups
/// of properties; integers are numbers, wei and token amounts decimal strings, times
/// microseconds, and a statistic over no samples null.
/// </summary>
internal static class JsonRenderer
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as UTF-8 text with LF line endings and a trailing newline.</summary>
    public static string Render(ReportDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            Write(json, document.Root, inArray: false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter json, ReportSection section, bool inArray)
    {
        foreach (var child in section.Children)
        {
            switch (child)
            {
                case ReportRow { JsonName: { } name } row:
                    if (!inArray)
                    {
                        json.WritePropertyName(name);
                    }

                    WriteValue(json, row.Value);
                    break;
                case ReportSection { Json: JsonShape.Inline } inner:
                    Write(json, inner, inArray);
                    break;
                case ReportSection { Json: JsonShape.Object or JsonShape.Array } inner:
                    if (!inArray)
                    {
                        json.WritePropertyName(inner.JsonName!);
                    }

                    if (inner.Json == JsonShape.Object)
                    {
                        json.WriteStartObject();
                        Write(json, inner, inArray: false);
                        json.WriteEndObject();
                    }
                    else
                    {
                        json.WriteStartArray();
                        Write(json, inner, inArray: true);
                        json.WriteEndArray();
                    }

                    break;
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, ReportValue value)
    {
        switch (value.Kind)
        {
            case ReportValueKind.Null:
                json.WriteNullValue();
                break;
            case ReportValueKind.Flag:
                json.WriteBooleanValue(value.IsTrue);
                break;
            case ReportValueKind.Text or ReportValueKind.Hash:
                json.WriteStringValue(value.Text);
                break;
            case ReportValueKind.Ratio:
                json.WriteStringValue(value.ToText());
                break;
            case ReportValueKind.Wei or ReportValueKind.Token or ReportValueKind.BigCount:
                json.WriteStringValue(value.IntegerText);
                break;
            case ReportValueKind.Real when value.Available:
                json.WriteNumberValue(value.Number);
                break;
            case ReportValueKind.Duration or ReportValueKind.Real when !value.Available:
                json.WriteNullValue();
                break;
            default:
                if (value.Negative)
                {
                    json.WriteNumberValue((long)value.Signed);
                }
                else
                {
                    json.WriteNumberValue((ulong)value.Magnitude);
                }

                break;
        }
    }
}
