using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProtoScript.Reporting.Tests;

/// <summary>
/// Checks a JSON document against the keywords the report schema uses (type, properties,
/// required, additionalProperties, items, pattern), with System.Text.Json only.
/// </summary>
internal static class JsonSchemaValidator
{
    public static List<string> Validate(JsonObject schema, JsonElement value)
    {
        var errors = new List<string>();
        Validate(schema, value, "$", errors);
        return errors;
    }

    private static void Validate(JsonObject schema, JsonElement value, string path, List<string> errors)
    {
        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => (string)t!).ToList(),
            JsonValue one => [(string)one!],
            _ => [],
        };
        var actual = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt64(out _) || value.TryGetUInt64(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            errors.Add($"{path}: {actual}, expected {string.Join(" or ", types)}");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = schema["properties"] as JsonObject ?? [];
                foreach (var name in (schema["required"] as JsonArray ?? []).Select(n => (string)n!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{path}: lacks required {name}");
                    }
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (properties[property.Name] is JsonObject known)
                    {
                        Validate(known, property.Value, path + "." + property.Name, errors);
                    }
                    else if (schema["additionalProperties"] is JsonObject other)
                    {
                        Validate(other, property.Value, path + "." + property.Name, errors);
                    }
                    else if (schema["additionalProperties"] is JsonValue allowed && !(bool)allowed)
                    {
                        errors.Add($"{path}: unknown property {property.Name}");
                    }
                }

                break;
            case JsonValueKind.Array when schema["items"] is JsonObject items:
                var i = 0;
                foreach (var element in value.EnumerateArray())
                {
                    Validate(items, element, $"{path}[{i++}]", errors);
                }

                break;
            case JsonValueKind.String when schema["pattern"] is JsonValue pattern:
                if (!Regex.IsMatch(value.GetString()!, (string)pattern!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    errors.Add($"{path}: \"{value.GetString()}\" does not match {(string)pattern!}");
                }

                break;
        }
    }
}
