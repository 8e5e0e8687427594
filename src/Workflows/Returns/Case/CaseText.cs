using System.Globalization;
using System.Text.Json;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// A timeline sentence kept as data: the catalogue key <c>Event.{Key}</c> and its arguments, so each reader gets it in their
/// language. An argument written <c>@Type.Member</c> (see <see cref="Word"/>) is itself a catalogue word
/// ("@CertificateVariant.TaxPaid"), one written <c>$…</c> (see <see cref="Nested"/>) a sentence of its own; every other
/// argument is shown as written (numbers, amounts, document numbers, what a person wrote).
/// </summary>
public sealed record CaseText(string Key, IReadOnlyList<string> Args)
{
    private const string ListKey = "List";

    public static CaseText Of(string key, params string[] args) => new(key, args);

    /// <summary>Several sentences or words as one argument, separated by commas.</summary>
    public static string List(IEnumerable<CaseText> items) => Nested(new CaseText(ListKey, [.. items.Select(Nested)]));

    /// <summary>What a person wrote (an officer's comment) when there is something, else <paramref name="standard"/>.</summary>
    public static CaseText OrComment(string? comment, CaseText standard) => string.IsNullOrWhiteSpace(comment) ? standard : Of("Comment", comment.Trim());

    /// <summary>An enum member as an argument that each language shows in its words.</summary>
    public static string Word<T>(T value) where T : struct, Enum => $"@{typeof(T).Name}.{value}";

    /// <summary>A sentence as an argument of another (a hold's reason inside the sentence that the case is held).</summary>
    public static string Nested(CaseText inner) => "$" + JsonSerializer.Serialize(inner);

    /// <summary>An amount as an argument (two decimals, thousands separators, the same in both languages).</summary>
    public static string Money(decimal amount) => DisplayTexts.Number(amount);

    /// <summary>The sentence in <paramref name="culture"/>; the key itself when the catalogue has no sentence for it.</summary>
    public string In(CultureInfo culture)
    {
        if (Key == ListKey)
            return string.Join(", ", Args.Select(a => Argument(a, culture)));
        var format = DisplayTexts.Find("Event." + Key, culture);
        if (format is null)
            return Key;
        var args = Args.Select(a => (object)Argument(a, culture)).ToArray();
        return string.Format(culture, format, args);
    }

    private static string Argument(string value, CultureInfo culture)
    {
        if (value.StartsWith('@'))
            return DisplayTexts.Find(value[1..], culture) ?? value[1..];
        if (value.StartsWith('$') && Parse(value[1..]) is { } inner)
            return inner.In(culture);
        return value;
    }

    private static CaseText? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CaseText>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
