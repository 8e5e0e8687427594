namespace ExportTaxCheck.Host.Api.Descriptors;

/// <summary>An expression syntax Studio offers; <c>MonacoLanguage</c> picks the editor's highlighting.</summary>
public sealed record ExpressionDescriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, Dictionary<string, string> Properties)
{
    public static ExpressionDescriptor Of(string type, bool isBrowsable, string? language = null) =>
        new(type, type, true, isBrowsable, language is null ? [] : new Dictionary<string, string> { ["MonacoLanguage"] = language });
}
