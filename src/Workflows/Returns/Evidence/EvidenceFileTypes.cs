using System.Collections.Frozen;

namespace ExportTaxCheck.Returns.Evidence;

/// <summary>
/// The kinds of evidence file a case takes, each known by its content type and by its first bytes: PDF, JPEG, PNG, TIFF
/// and OFD (China's e-invoice container, a ZIP). The type a file is stored and served under is the one its bytes show;
/// an upload cannot choose <c>text/html</c> or anything else a browser would run.
/// </summary>
public static class EvidenceFileTypes
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Tiff = "image/tiff";
    public const string Ofd = "application/ofd";

    /// <summary>What a download falls back to for a file stored before this check, whose type is not on the list.</summary>
    public const string Binary = "application/octet-stream";

    private static readonly (string Type, byte[] Magic)[] Signatures =
    [
        (Pdf, "%PDF-"u8.ToArray()),
        (Jpeg, [0xFF, 0xD8, 0xFF]),
        (Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (Tiff, [0x49, 0x49, 0x2A, 0x00]),
        (Tiff, [0x4D, 0x4D, 0x00, 0x2A]),
        (Ofd, [0x50, 0x4B, 0x03, 0x04]),
    ];

    public static readonly FrozenSet<string> Allowed = Signatures.Select(s => s.Type).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The types a browser shows by itself, so the task page may show them inline.</summary>
    public static readonly FrozenSet<string> Previewable = new[] { Pdf, Jpeg, Png }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The longest signature: how many leading bytes <see cref="Detect"/> needs.</summary>
    public static int SignatureLength { get; } = Signatures.Max(s => s.Magic.Length);

    /// <summary>The allowed type whose signature the content starts with, or null.</summary>
    public static string? Detect(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Signatures)
        {
            if (content.StartsWith(magic))
                return type;
        }
        return null;
    }

    /// <summary>
    /// The media type a client declared, lower-cased without parameters; null when it is not one (control characters such
    /// as CR/LF, which would break the download's header, or no type/subtype).
    /// </summary>
    public static string? Normalize(string declared)
    {
        if (declared.Any(char.IsControl))
            return null;
        var mediaType = declared.Split(';')[0].Trim().ToLowerInvariant();
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < mediaType.Length - 1 && !mediaType.Any(char.IsWhiteSpace) ? mediaType : null;
    }

    /// <summary>How a stored file goes out: its type when it is on the list, else as plain bytes.</summary>
    public static string ForDownload(string stored) => Normalize(stored) is { } type && Allowed.Contains(type) ? type : Binary;
}
