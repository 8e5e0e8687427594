using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ExportTaxCheck.Engine.Runtime;

public static class BookmarkHash
{
    /// <summary>A stable hash of a wait kind and its stimulus: property order in the stimulus does not matter.</summary>
    public static string Compute(string name, JsonObject? stimulus)
    {
        var builder = new StringBuilder(name);
        builder.Append('\n');
        if (stimulus is not null)
            AppendCanonical(builder, stimulus);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private static void AppendCanonical(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                builder.Append('{');
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(key).Append(':');
                    AppendCanonical(builder, value);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                foreach (var item in array)
                {
                    AppendCanonical(builder, item);
                    builder.Append(',');
                }
                builder.Append(']');
                break;
            case null:
                builder.Append("null");
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }
}
