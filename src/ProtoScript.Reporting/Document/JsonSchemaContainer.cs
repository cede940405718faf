using System.Text.Json.Nodes;

namespace ProtoScript.Reporting.Document;

/// <summary>
/// Collects the JSON schema (draft 2020-12 keywords: type, properties, required,
/// additionalProperties, items) of a JSON object or array while a layout describes itself.
/// </summary>
internal class JsonSchemaContainer
{
    private readonly JsonObject _schema;
    private readonly JsonSchemaContainer? _parent;
    private readonly string? _name;
    private readonly bool _required;

    private JsonSchemaContainer(JsonSchemaContainer? parent, string? name, bool isArray, bool required)
    {
        _parent = parent;
        _name = name;
        _required = required;
        _schema = isArray
            ? new JsonObject { ["type"] = "array" }
            : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["required"] = new JsonArray(), ["additionalProperties"] = false };
    }

    private protected JsonSchemaContainer()
    {
        _schema = [];
    }

    /// <summary>A root object.</summary>
    public static JsonSchemaContainer Root() => new(null, null, isArray: false, required: true);

    /// <summary>The schema collected so far.</summary>
    public JsonObject Schema => _schema;

    /// <summary>The schema of a value of <paramref name="kind"/>.</summary>
    public static JsonObject ValueSchema(ReportValueKind kind, bool nullable)
    {
        var schema = kind switch
        {
            ReportValueKind.Count or ReportValueKind.Gas or ReportValueKind.Bytes or ReportValueKind.BasisPoints or ReportValueKind.Duration => new JsonObject { ["type"] = "integer" },
            ReportValueKind.Wei or ReportValueKind.Token or ReportValueKind.BigCount => new JsonObject { ["type"] = "string", ["pattern"] = "^-?[0-9]+$" },
            ReportValueKind.Real => new JsonObject { ["type"] = "number" },
            ReportValueKind.Flag => new JsonObject { ["type"] = "boolean" },
            ReportValueKind.Null => new JsonObject { ["type"] = "null" },
            _ => new JsonObject { ["type"] = "string" },
        };
        return nullable ? MakeNullable(schema) : schema;
    }

    /// <summary>Lets a schema also accept null.</summary>
    public static JsonObject MakeNullable(JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema["type"] is JsonValue type && type.GetValue<string>() != "null")
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        return schema;
    }

    /// <summary>Adds a property (or, without a name, the schema of every entry of a map or element of an array).</summary>
    public virtual void Add(string? name, JsonObject schema, bool required)
    {
        if ((string?)_schema["type"] == "array")
        {
            _schema["items"] = schema;
        }
        else if (name is null)
        {
            _schema["additionalProperties"] = schema;
        }
        else
        {
            _schema["properties"]!.AsObject()[name] = schema;
            if (required)
            {
                _schema["required"]!.AsArray().Add(name);
            }
        }
    }

    /// <summary>An object or array nested in this one; <see cref="Close"/> adds it.</summary>
    public JsonSchemaContainer Open(string? name, bool isArray, bool required) => new(this, name, isArray, required);

    /// <summary>Adds this nested object or array to its parent.</summary>
    public void Close()
    {
        if ((string?)_schema["type"] == "array" && _schema["items"] is null)
        {
            _schema["items"] = new JsonObject();
        }

        _parent!.Add(_name, _schema, _required);
    }

    /// <summary>A group of properties of this object, required only when the group is.</summary>
    public JsonSchemaContainer Inline(bool required) => required ? this : new Optional(this, nullable: false);

    /// <summary>A node written once per item of a list.</summary>
    public JsonSchemaContainer Repeated() => new Each(this);

    /// <summary>Properties that may be absent (or, when <c>nullable</c>, null).</summary>
    internal sealed class Optional(JsonSchemaContainer inner, bool nullable) : JsonSchemaContainer
    {
        public override void Add(string? name, JsonObject schema, bool required) =>
            inner.Add(name, nullable ? MakeNullable(schema) : schema, required: nullable);
    }

    private sealed class Each(JsonSchemaContainer inner) : JsonSchemaContainer
    {
        public override void Add(string? name, JsonObject schema, bool required) => inner.Add(null, schema, required: false);
    }
}
