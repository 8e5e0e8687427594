using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>§5.9: one run of the online cross-check (联网核查).</summary>
public sealed record CrossCheckResult
{
    public required Guid CheckId { get; init; }
    public required string CertificateNo { get; init; }
    public required string ReturnDeclarationNo { get; init; }
    public required DateTimeOffset CheckedAt { get; init; }
    public required CrossCheckOutcome Result { get; init; }
    public UnavailableCause? UnavailableCause { get; init; }
    public IReadOnlyList<CrossCheckReason> Reasons { get; init; } = [];
    public Channel Channel { get; init; } = Channel.Electronic;

    /// <summary>Stage 10: the call itself failed, so no comparison was made and the paper branch opens (E-18).</summary>
    public static CrossCheckResult Unavailable(Guid checkId, string certificateNo, string returnDeclarationNo, DateTimeOffset checkedAt, UnavailableCause cause) => new()
    {
        CheckId = checkId,
        CertificateNo = certificateNo,
        ReturnDeclarationNo = returnDeclarationNo,
        CheckedAt = checkedAt,
        Result = CrossCheckOutcome.Unavailable,
        UnavailableCause = cause,
    };
}
