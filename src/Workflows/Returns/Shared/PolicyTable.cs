using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>The versioned policy table (§3.1) as data: a new announcement is a JSON change, not a code change.</summary>
public sealed class PolicyTable
{
    internal const string ResourceName = "ExportTaxCheck.Returns.Shared.Data.policy-versions.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Lazy<PolicyTable> Embedded = new(() =>
    {
        using var stream = typeof(PolicyTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    });

    public PolicyTable(IEnumerable<PolicyVersion> versions)
    {
        Versions = versions.ToList();
        var duplicate = Versions.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Policy version {duplicate.Key} appears twice.", nameof(versions));
        var inverted = Versions.FirstOrDefault(v => v.WindowEnd < v.WindowStart);
        if (inverted is not null)
            throw new ArgumentException($"Policy version {inverted.Id} ends before it starts.", nameof(versions));
    }

    /// <summary>The table shipped in Returns/Shared/Data/policy-versions.json.</summary>
    public static PolicyTable Default => Embedded.Value;

    public IReadOnlyList<PolicyVersion> Versions { get; }

    /// <summary>Every supervision code any version accepts (used for E-02 when no version covers the date).</summary>
    public IReadOnlySet<string> AllEligibleCodes => Versions.SelectMany(v => v.EligibleCodes).ToHashSet(StringComparer.Ordinal);

    public static PolicyTable FromJson(string json)
    {
        var document = JsonSerializer.Deserialize<PolicyDocument>(json, JsonOptions)
            ?? throw new FormatException("The policy table JSON is empty.");
        return new PolicyTable(document.Versions ?? []);
    }

    /// <summary>
    /// E-01: among versions in force on <paramref name="evaluationDate"/> whose window covers
    /// <paramref name="declarationDate"/>, the one issued last wins (§3.1 overlap rule). Null when none covers it.
    /// </summary>
    public PolicyVersion? Select(DateOnly declarationDate, DateOnly evaluationDate) =>
        Versions
            .Where(v => v.EffectiveFromEvaluationDate <= evaluationDate && v.Covers(declarationDate))
            .OrderByDescending(v => v.IssuedOn)
            .FirstOrDefault();

    public PolicyVersion? Find(string id) => Versions.FirstOrDefault(v => v.Id == id);

    private sealed record PolicyDocument(IReadOnlyList<PolicyVersion>? Versions);
}
