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

    /// <summary>
    /// The case file as JSON. A file handed over with <see cref="WriteLater"/> is serialized when the column is first
    /// read after it (the unit of work looking for changes as it saves), so a step that changes the case several times
    /// writes its JSON once.
    /// </summary>
    public required string Data
    {
        get
        {
            if (Unwritten is { } file)
            {
                _data = ReturnsJson.Serialize(file);
                Unwritten = null;
                CaseSession.Files.Remember(Id, _data, file);
            }
            return _data;
        }
        set
        {
            _data = value;
            Unwritten = null;
        }
    }

    private string _data = "";

    /// <summary>The case file given to <see cref="WriteLater"/> and not serialized yet.</summary>
    internal CaseFile? Unwritten { get; private set; }

    /// <summary>The row now holds <paramref name="file"/>; <see cref="Data"/> serializes it when read.</summary>
    internal void WriteLater(CaseFile file) => Unwritten = file;
}
