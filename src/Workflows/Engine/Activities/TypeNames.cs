using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Activities;

/// <summary>Elsa's short type aliases for CLR types, used in descriptors and variable JSON.</summary>
public static class TypeNames
{
    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(string)] = "String",
        [typeof(bool)] = "Boolean",
        [typeof(int)] = "Int32",
        [typeof(long)] = "Int64",
        [typeof(decimal)] = "Decimal",
        [typeof(double)] = "Double",
        [typeof(float)] = "Single",
        [typeof(TimeSpan)] = "TimeSpan",
        [typeof(DateTime)] = "DateTime",
        [typeof(DateTimeOffset)] = "DateTimeOffset",
        [typeof(DateOnly)] = "DateOnly",
        [typeof(Guid)] = "Guid",
        [typeof(object)] = "Object",
        [typeof(JsonNode)] = "Object",
        [typeof(JsonObject)] = "Object",
        [typeof(string[])] = "String[]",
        [typeof(List<string>)] = "String[]",
    };

    /// <summary>The CLR type of an Elsa type alias (<c>Int32</c>, <c>String</c>, …); object for aliases without a plain CLR type.</summary>
    public static Type ClrTypeOf(string? alias)
    {
        if (string.IsNullOrWhiteSpace(alias))
            return typeof(object);
        foreach (var (type, name) in Aliases)
        {
            if (string.Equals(name, alias, StringComparison.Ordinal) && type != typeof(JsonNode) && type != typeof(JsonObject) && type != typeof(List<string>))
                return type;
        }
        return typeof(object);
    }

    public static string Of(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (Aliases.TryGetValue(underlying, out var alias))
            return alias;
        return underlying.Name;
    }
}
