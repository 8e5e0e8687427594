namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// What an outbox message or an officer notice is about, in the words of the module that wrote it: a type the module
/// names (its notification model source answers to the same name) and the id of the thing.
/// </summary>
public sealed record Reference
{
    public const int MaxTypeLength = 64;
    public const int MaxIdLength = 200;

    public Reference(string type, string id)
    {
        // The type becomes part of a mail header name (X-ExportTaxCheck-{type}), so it must be a header token.
        if (!IsType(type))
            throw new ArgumentException($"'{type}' is not a reference type: use letters, digits and '-', at most {MaxTypeLength} characters.", nameof(type));
        ArgumentException.ThrowIfNullOrEmpty(id);
        Type = type;
        Id = id;
    }

    public string Type { get; }
    public string Id { get; }

    public static bool IsType(string? type) =>
        type is { Length: > 0 and <= MaxTypeLength } && type.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>The reference a row holds, or null when it holds none.</summary>
    public static Reference? Of(string? type, string? id) => type is not null && id is not null ? new Reference(type, id) : null;
}
