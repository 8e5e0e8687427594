using System.Globalization;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>Stage 10: the online cross-check of a certificate against a return declaration (§5.9 X-01..X-11) and the paper condition (E-18).</summary>
public static class CrossCheckRules
{
    /// <summary>
    /// Evaluates X-01..X-11 in rule order and reports every failure, not only the first. <paramref name="certificate"/>
    /// is the certificate data as customs holds it; <paramref name="currentRefundStatus"/> is the refund status per
    /// export item no. as last pushed by tax (X-09), a missing key meaning no information.
    /// </summary>
    public static CrossCheckResult Evaluate(
        Certificate? certificate,
        ReturnDeclaration declaration,
        IReadOnlyDictionary<int, RefundStatus> currentRefundStatus,
        bool acceptGoodsNameDifference,
        ReturnsDomainOptions options,
        Guid checkId,
        DateTimeOffset checkedAt)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(currentRefundStatus);
        ArgumentNullException.ThrowIfNull(options);

        var reasons = new List<CrossCheckReason>();
        // X-01: customs only holds issued certificates; one for another number is not the one presented.
        if (certificate is null || !IsIssued(certificate.Status) || certificate.CertificateNo != declaration.CertificateNo)
            reasons.Add(new CrossCheckReason(ReasonCodes.CertNotFound, null, declaration.CertificateNo, null));
        else
            Compare(certificate, declaration, currentRefundStatus, options, reasons);

        // §5.9: Matched iff no reason except X-11 warnings the officer accepted.
        var matched = reasons.All(r => r.IsWarning && acceptGoodsNameDifference);
        return new CrossCheckResult
        {
            CheckId = checkId,
            CertificateNo = declaration.CertificateNo,
            ReturnDeclarationNo = declaration.ReturnDeclarationNo,
            CheckedAt = checkedAt,
            Result = matched ? CrossCheckOutcome.Matched : CrossCheckOutcome.Mismatched,
            Reasons = reasons,
        };
    }

    /// <summary>
    /// E-18 [S1 §4]: paper only after <see cref="CrossCheckOutcome.Unavailable"/> with a cause, or when the
    /// transmission failed for infrastructure reasons (then customs reports CERT_NOT_FOUND, which is no refusal).
    /// Never after any other mismatch, nor after a match. Null when allowed, else PAPER_NOT_PERMITTED.
    /// </summary>
    public static string? CheckPaperAllowed(CrossCheckResult? lastResult, bool transmissionFailedInfrastructure) => lastResult switch
    {
        { Result: CrossCheckOutcome.Unavailable, UnavailableCause: not null } => null,
        null or { Result: CrossCheckOutcome.Unavailable } => transmissionFailedInfrastructure ? null : ReasonCodes.PaperNotPermitted,
        { Result: CrossCheckOutcome.Mismatched } when transmissionFailedInfrastructure
            && lastResult.Reasons.Count > 0
            && lastResult.Reasons.All(r => r.Code == ReasonCodes.CertNotFound) => null,
        _ => ReasonCodes.PaperNotPermitted,
    };

    /// <summary>Formats a quantity without trailing zeros, as X-07 reports it ("500", "480", "12.5").</summary>
    public static string FormatQty(decimal qty) => qty.ToString("0.############################", CultureInfo.InvariantCulture);

    private static bool IsIssued(CertificateStatus status) =>
        status is not (CertificateStatus.Applied or CertificateStatus.UnderReview or CertificateStatus.Refused);

    private static void Compare(
        Certificate certificate,
        ReturnDeclaration declaration,
        IReadOnlyDictionary<int, RefundStatus> currentRefundStatus,
        ReturnsDomainOptions options,
        List<CrossCheckReason> reasons)
    {
        // X-02: a reservation for this same declaration is an idempotent re-check (A-17, A-20).
        var statusCode = certificate.Status switch
        {
            CertificateStatus.Issued or CertificateStatus.Transmitted => null,
            CertificateStatus.Reserved when certificate.ReservedForDeclarationNo == declaration.ReturnDeclarationNo => null,
            CertificateStatus.Reserved => ReasonCodes.CertBoundToOtherDeclaration,
            CertificateStatus.Used => ReasonCodes.CertAlreadyUsed,
            _ => ReasonCodes.CertCancelled,
        };
        if (statusCode is not null)
            reasons.Add(new CrossCheckReason(statusCode, null, null, certificate.Status == CertificateStatus.Reserved ? certificate.ReservedForDeclarationNo : certificate.Status.ToString()));

        // X-03, A-19: the consignee may be the principal or the agent of an entrusted export.
        if (declaration.ConsigneeUscc != certificate.EnterpriseUscc && (certificate.AgentUscc is null || declaration.ConsigneeUscc != certificate.AgentUscc))
            reasons.Add(new CrossCheckReason(ReasonCodes.EnterpriseMismatch, null, certificate.EnterpriseUscc, declaration.ConsigneeUscc));

        // X-04, E-17
        if (declaration.RelatedExportDeclarationNo != certificate.ExportDocNo)
            reasons.Add(new CrossCheckReason(ReasonCodes.ExportDeclMismatch, null, certificate.ExportDocNo, declaration.RelatedExportDeclarationNo));

        // X-05 both ways; the line comparisons below only see pairs that exist.
        var pairs = new List<(ReturnDeclarationLine Declared, CertificateLine Certified)>();
        foreach (var line in declaration.Lines)
        {
            var certified = certificate.Lines.FirstOrDefault(c => c.ExportItemNo == line.OriginalItemNo);
            if (certified is null)
                reasons.Add(new CrossCheckReason(ReasonCodes.ItemNotOnCert, line.ItemNo, null, Item(line.OriginalItemNo)));
            else
                pairs.Add((line, certified));
        }
        foreach (var certified in certificate.Lines.Where(c => declaration.Lines.All(l => l.OriginalItemNo != c.ExportItemNo)))
            reasons.Add(new CrossCheckReason(ReasonCodes.LineCountMismatch, null, Item(certified.ExportItemNo), null));

        // X-06: all 10 digits.
        foreach (var (declared, certified) in pairs.Where(p => p.Declared.HsCode != p.Certified.HsCode))
            reasons.Add(new CrossCheckReason(ReasonCodes.HsMismatch, declared.ItemNo, certified.HsCode, declared.HsCode));

        // X-07, A-09: strict unless fewer goods may be declared than certified.
        foreach (var (declared, certified) in pairs.Where(p => !QtyAccepted(p.Declared.Qty, p.Certified.ReturnedQty, options)))
            reasons.Add(new CrossCheckReason(ReasonCodes.QtyMismatch, declared.ItemNo, FormatQty(certified.ReturnedQty), FormatQty(declared.Qty)));

        // X-08
        foreach (var (declared, certified) in pairs.Where(p => p.Declared.UnitCode != p.Certified.UnitCode))
            reasons.Add(new CrossCheckReason(ReasonCodes.UnitMismatch, declared.ItemNo, certified.UnitCode, declared.UnitCode));

        // X-09: the variant against the printed status (§5.6 NotRefunded ⇔ NotDeclared), then against each line's
        // refund status as tax last pushed it (a refund on a NotRefunded line invalidates the certificate).
        if (!RefundRules.IsConsistent(certificate.Variant, certificate.RefundStatusOnCert))
            reasons.Add(new CrossCheckReason(ReasonCodes.VariantStatusInconsistent, null, certificate.Variant.ToString(), certificate.RefundStatusOnCert.ToString()));
        foreach (var certified in certificate.Lines)
        {
            if (!currentRefundStatus.TryGetValue(certified.ExportItemNo, out var status) || RefundRules.VariantFor(status) == certificate.Variant)
                continue;
            var lineNo = declaration.Lines.FirstOrDefault(l => l.OriginalItemNo == certified.ExportItemNo)?.ItemNo;
            reasons.Add(new CrossCheckReason(ReasonCodes.VariantStatusInconsistent, lineNo, certificate.Variant.ToString(), status.ToString()));
        }

        // X-10
        if (certificate.IssuedOn is not { } issuedOn || issuedOn > declaration.DeclarationDate)
            reasons.Add(new CrossCheckReason(ReasonCodes.CertDateAfterDeclaration, null, Date(declaration.DeclarationDate), certificate.IssuedOn is { } d ? Date(d) : null));

        // X-11, E-12: a warning the officer may accept.
        foreach (var (declared, certified) in pairs.Where(p => !GoodsNames.AreConsistent(p.Certified.GoodsName, p.Declared.GoodsName)))
            reasons.Add(new CrossCheckReason(ReasonCodes.GoodsNameMismatch, declared.ItemNo, certified.GoodsName, declared.GoodsName, IsWarning: true));
    }

    private static bool QtyAccepted(decimal declared, decimal certified, ReturnsDomainOptions options) =>
        declared == certified || (options.AllowLessThanCertificateQty && declared > 0 && declared < certified);

    private static string Item(int itemNo) => itemNo.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
