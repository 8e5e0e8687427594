namespace ExportTaxCheck.Returns.Case;

public sealed class ReturnsOptions
{
    public const string Section = "Returns";

    /// <summary>The published definition every new case runs.</summary>
    public string WorkflowDefinitionId { get; set; } = "export-return-case";

    /// <summary>E-21: the flow whose task a supervisor decides when a case is held (a referral).</summary>
    public string ReferralDefinitionId { get; set; } = "hold-referral";

    /// <summary>Largest evidence file accepted.</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>JSON file of export lines loaded at start (empty: none).</summary>
    public string? ReferenceDataFile { get; set; } = "reference-data/export-lines.json";

    /// <summary>The customs office and tax authority the exporter mails give as contact.</summary>
    public AuthorityContactOptions Authorities { get; set; } = new();
}
