using System.Globalization;
using System.Text.Json;

namespace ProtoScript.Grid.Tests;

/// <summary>
/// Checks, on a run's JSON report, that a fragment took effect: a grid whose cross-chain fragment
/// sent no message, or whose outage missed no block, would pass without testing the combination.
/// Each returns the problem, or null.
/// </summary>
internal static class Evidence
{
    /// <summary>On every rollup, the value at <paramref name="path"/> (dotted) satisfies <paramref name="holds"/>.</summary>
    public static Func<JsonElement, string?> EveryRollup(string path, Func<JsonElement, bool> holds, string expected) => root =>
    {
        foreach (var rollup in root.GetProperty("rollups").EnumerateArray())
        {
            var value = At(rollup, path);
            if (value is not { } v || !holds(v))
            {
                return $"rollup {rollup.GetProperty("name").GetString()}: `{path}` is {(value is { } found ? found.GetRawText() : "missing")}, expected {expected}";
            }
        }

        return null;
    };

    /// <summary>The value at <paramref name="path"/> from the report's root satisfies <paramref name="holds"/>.</summary>
    public static Func<JsonElement, string?> Root(string path, Func<JsonElement, bool> holds, string expected) => root =>
        At(root, path) is { } v && holds(v) ? null : $"`{path}` is {(At(root, path) is { } found ? found.GetRawText() : "missing")}, expected {expected}";

    public static Func<JsonElement, string?> All(params Func<JsonElement, string?>[] checks) => root =>
        checks.Select(c => c(root)).FirstOrDefault(p => p is not null);

    public static bool Positive(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble() > 0,
        JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0,
        _ => false,
    };

    public static Func<JsonElement, bool> Is(string text) => v => v.ValueKind == JsonValueKind.String && v.GetString() == text;

    public static Func<JsonElement, bool> IsNot(string text) => v => v.ValueKind == JsonValueKind.String && v.GetString() != text;

    public static bool IsTrue(JsonElement value) => value.ValueKind == JsonValueKind.True;

    private static JsonElement? At(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index >= element.GetArrayLength())
                {
                    return null;
                }

                element = element[index];
            }
            else if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return null;
            }
        }

        return element;
    }
}
