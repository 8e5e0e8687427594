namespace ExportTaxCheck.Returns.Evidence;

/// <summary>The file bytes of an upload, already read and size-checked by the Host.</summary>
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);
