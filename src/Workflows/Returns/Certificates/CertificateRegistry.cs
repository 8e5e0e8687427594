using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// The certificates of the tax authority as an immutable value: issuance checks, state transitions and refund locks.
/// Every operation returns a new registry; refund locks are derived from the certificates, so a cancellation
/// releases its lock without a second record to keep in step (E-15).
/// </summary>
public sealed class CertificateRegistry
{
    private readonly IReadOnlyList<Certificate> _certificates;

    public CertificateRegistry(IEnumerable<Certificate>? certificates = null)
    {
        _certificates = (certificates ?? []).ToList();
        var duplicate = _certificates.Where(c => c.CertificateNo is not null).GroupBy(c => c.CertificateNo).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Certificate number {duplicate.Key} appears twice.", nameof(certificates));
    }

    public IReadOnlyList<Certificate> Certificates => _certificates;

    public Certificate? Find(string certificateNo) => _certificates.FirstOrDefault(c => c.CertificateNo == certificateNo);

    public Certificate? FindApplication(Guid applicationId) => _certificates.FirstOrDefault(c => c.ApplicationId == applicationId);

    /// <summary>E-15: Σ returned quantity of live NotRefunded certificates on the export line.</summary>
    public decimal LockedQty(ExportLineKey line) => QtyOn(line, c => c.IsLive && c.Variant == CertificateVariant.NotRefunded);

    /// <summary>§5.6: Σ returned quantity of live certificates (either variant) on the export line.</summary>
    public decimal CertifiedQty(ExportLineKey line) => QtyOn(line, c => c.IsLive);

    /// <summary>E-15: a later refund declaration (including HWC-YT) may claim at most ExportedQty − LockedQty.</summary>
    public decimal MaxRefundableQty(ExportLineKey line, decimal exportedQty) => exportedQty - LockedQty(line);

    /// <summary>X-09: the unused NotRefunded certificates covering the export line; a refund on it must be pushed to customs for each.</summary>
    public IReadOnlyList<Certificate> UnusedNotRefundedOn(ExportLineKey line) =>
        _certificates.Where(c => c.IsUnused && c.Variant == CertificateVariant.NotRefunded && c.LineKeys.Contains(line)).ToList();

    /// <summary>Stage 6: records a new application (status Applied).</summary>
    public RegistryResult Submit(Certificate application)
    {
        if (application.Status != CertificateStatus.Applied || FindApplication(application.ApplicationId) is not null)
            return new RegistryResult(this, application, [ReasonCodes.CertInvalidTransition]);
        return new RegistryResult(new CertificateRegistry([.. _certificates, application]), application, []);
    }

    public RegistryResult CompleteSelfCheck(Guid applicationId, IReadOnlyList<string> errorCodes) =>
        Apply(FindApplication(applicationId), c => c.CompleteSelfCheck(errorCodes));

    /// <summary>
    /// Stage 7: TAX approves. <paramref name="sourceLines"/> are the case lines the certificate covers (matched by
    /// export item). Refuses with every failing code: REFUND_PENDING (E-14), V-15, MAKE_UP_NOT_COMPLETED (E-15)
    /// and CERT_QTY_EXCEEDS_UNCERTIFIED (§5.6 "Returned ≤ Exported − previously certified").
    /// </summary>
    public RegistryResult Issue(Guid applicationId, string certificateNo, DateOnly issuedOn, DateTimeOffset issuedAt, IReadOnlyList<ReturnCaseLine> sourceLines)
    {
        var application = FindApplication(applicationId);
        if (application is null)
            return new RegistryResult(this, null, [ReasonCodes.CertNotFound]);
        if (application.Status != CertificateStatus.UnderReview)
            return new RegistryResult(this, application, [ReasonCodes.CertInvalidTransition]);
        if (Find(certificateNo) is not null)
            return new RegistryResult(this, application, [ReasonCodes.CertInvalidTransition]);

        var codes = IssueRefusals(application, sourceLines);
        return codes.Count > 0
            ? new RegistryResult(this, application, codes)
            : Apply(application, c => c.Approve(certificateNo, issuedOn, issuedAt));
    }

    public RegistryResult RefuseApplication(Guid applicationId, IReadOnlyList<string> reasons) =>
        Apply(FindApplication(applicationId), c => c.RefuseApplication(reasons));

    public RegistryResult MarkTransmitted(string certificateNo, DateTimeOffset ackAt) => Apply(Find(certificateNo), c => c.MarkTransmitted(ackAt));

    public RegistryResult Reserve(string certificateNo, string returnDeclarationNo) => Apply(Find(certificateNo), c => c.Reserve(returnDeclarationNo));

    public RegistryResult ReleaseReservation(string certificateNo, string returnDeclarationNo) =>
        Apply(Find(certificateNo), c => c.ReleaseReservation(returnDeclarationNo));

    public RegistryResult MarkUsed(string certificateNo, string returnDeclarationNo, DateOnly releasedOn, Channel channel) =>
        Apply(Find(certificateNo), c => c.MarkUsed(returnDeclarationNo, releasedOn, channel));

    /// <summary>E-19: 作废; the refund lock of a NotRefunded certificate is released with it.</summary>
    public RegistryResult Cancel(string certificateNo) => Apply(Find(certificateNo), c => c.Cancel());

    /// <summary>
    /// E-19: 补办. The original is cancelled and a replacement with the same content is issued under a new number
    /// (the lock moves with it). Refused with CERT_ALREADY_USED / CERT_RESERVED like a cancellation.
    /// </summary>
    public RegistryResult Reissue(string certificateNo, Guid replacementApplicationId, string newCertificateNo, DateOnly issuedOn, DateTimeOffset issuedAt)
    {
        var original = Find(certificateNo);
        if (original is null)
            return new RegistryResult(this, null, [ReasonCodes.CertNotFound]);
        if (original.CheckCancelOrReissue() is { } refusal)
            return new RegistryResult(this, original, [refusal]);
        if (Find(newCertificateNo) is not null || FindApplication(replacementApplicationId) is not null)
            return new RegistryResult(this, original, [ReasonCodes.CertInvalidTransition]);

        var replacement = original with
        {
            ApplicationId = replacementApplicationId,
            CertificateNo = newCertificateNo,
            IssuedOn = issuedOn,
            IssuedAt = issuedAt,
            TransmittedAt = null,
            Status = CertificateStatus.Issued,
        };
        var cancelled = original.Cancel().Certificate;
        var certificates = _certificates.Select(c => c.ApplicationId == original.ApplicationId ? cancelled : c).Append(replacement);
        return new RegistryResult(new CertificateRegistry(certificates), replacement, []);
    }

    /// <summary>Stage 12: customs reports a use of the certificate (see <see cref="Certificate.RegisterUse"/>).</summary>
    public RegistryResult RegisterUse(string certificateNo, string returnDeclarationNo, DateOnly releasedOn, Channel channel) =>
        Apply(Find(certificateNo), c => c.RegisterUse(returnDeclarationNo, releasedOn, channel));

    private List<string> IssueRefusals(Certificate application, IReadOnlyList<ReturnCaseLine> sourceLines)
    {
        var codes = new List<string>();
        var lines = application.Lines
            .Select(l => sourceLines.FirstOrDefault(s => s.Export.ItemNo == l.ExportItemNo && s.Export.ExportReference == application.ExportDocNo))
            .ToList();
        if (lines.Any(l => l is null))
            codes.Add(ReasonCodes.NotExactlyOneExportDoc);
        var known = lines.OfType<ReturnCaseLine>().ToList();

        if (known.Any(l => RefundRules.CheckCanApply(l.Refund.Status) is not null))
            codes.Add(ReasonCodes.RefundPending);
        if (application.Variant == CertificateVariant.NotRefunded
            && (application.RefundStatusOnCert != CertificateRefundStatus.NotDeclared || known.Any(l => l.Refund.Status != RefundStatus.NotDeclared)))
            codes.Add(ReasonCodes.NotRefundedRequiresNotDeclared);
        if (application.Variant == CertificateVariant.TaxPaid && known.Any(l => !RefundRules.IsMakeUpConfirmed(l.MakeUp)))
            codes.Add(ReasonCodes.MakeUpNotCompleted);

        foreach (var line in application.Lines)
        {
            var key = new ExportLineKey(application.ExportDocNo, line.ExportItemNo);
            if (line.ReturnedQty > line.ExportedQty - CertifiedQty(key))
            {
                codes.Add(ReasonCodes.CertQtyExceedsUncertified);
                break;
            }
        }
        return codes;
    }

    private decimal QtyOn(ExportLineKey line, Func<Certificate, bool> counts) =>
        _certificates.Where(counts)
            .Where(c => c.ExportDocNo == line.ExportDocNo)
            .SelectMany(c => c.Lines)
            .Where(l => l.ExportItemNo == line.ItemNo)
            .Sum(l => l.ReturnedQty);

    private RegistryResult Apply(Certificate? certificate, Func<Certificate, CertificateTransition> transition)
    {
        if (certificate is null)
            return new RegistryResult(this, null, [ReasonCodes.CertNotFound]);
        var result = transition(certificate);
        if (!result.Succeeded)
            return new RegistryResult(this, result.Certificate, result.RefusalCodes);
        var updated = _certificates.Select(c => c.ApplicationId == certificate.ApplicationId ? result.Certificate : c);
        return new RegistryResult(new CertificateRegistry(updated), result.Certificate, []);
    }
}
