namespace ExportTaxCheck.Returns.Persistence;

/// <summary>The bytes of an uploaded evidence document; its metadata lives in the case file.</summary>
public sealed class EvidenceFileRecord
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
