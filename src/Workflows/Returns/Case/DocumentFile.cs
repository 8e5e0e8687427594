namespace ExportTaxCheck.Returns.Case;

/// <summary>The bytes behind an evidence document, as stored (§5.3 <c>Sha256</c>).</summary>
public sealed record DocumentFile(Guid DocId, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);
