namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// A return case: the columns lists filter and sort on, and the case file (lines, evidence, amounts, declarations,
/// checks, timeline) as JSON, so a list never reads the file.
/// </summary>
public sealed class ReturnCaseRecord
{
    public required string Id { get; set; }
    public required string ExporterUscc { get; set; }
    public required string ExporterName { get; set; }
    public ReturnCaseStatus Status { get; set; }
    public string? PolicyVersionId { get; set; }
    public string? WorkflowInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Revision { get; set; }
    public required string Data { get; set; }
}
