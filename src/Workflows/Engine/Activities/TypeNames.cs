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

    public static string Of(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (Aliases.TryGetValue(underlying, out var alias))
            return alias;
        return underlying.Name;
    }
}
