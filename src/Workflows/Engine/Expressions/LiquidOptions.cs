namespace ExportTaxCheck.Engine.Expressions;

/// <summary>
/// The bounds of one Liquid render (a flow's expression or one part of an e-mail): an analyst writes these templates, so
/// none of them may hold a core or the Host's memory. Time and memory match the JavaScript evaluator's.
/// </summary>
public sealed class LiquidOptions
{
    public const string Section = "Expressions:Liquid";

    /// <summary>Budget of one render, on the injected clock.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes one render may allocate (checked after every filter, assign and capture).</summary>
    public long MemoryLimitBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Statements and loop iterations of one render.</summary>
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>Characters one render, one captured block or one filter's result may hold.</summary>
    public int MaxOutputChars { get; set; } = 1024 * 1024;

    /// <summary>Items a range or an array filter may make.</summary>
    public int MaxCollectionItems { get; set; } = 10_000;

    /// <summary>Characters of a template's source; longer ones are not parsed.</summary>
    public int MaxTemplateChars { get; set; } = 256 * 1024;
}
