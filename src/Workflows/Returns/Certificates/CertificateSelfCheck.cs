using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary>Stage 6 数据自检 of a certificate application before it goes to the tax officer (§5.5).</summary>
public static class CertificateSelfCheck
{
    /// <summary>
    /// The checks <see cref="Run"/> makes on <paramref name="application"/>, in rule order: V-02 only for a declaration,
    /// REFUND_STATUS_MISMATCH only for a TaxPaid application that states a make-up. A check is passed when its code is not
    /// among the application's <see cref="Certificate.SelfCheckErrors"/>.
    /// </summary>
    public static IReadOnlyList<string> Checks(Certificate application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var checks = new List<string> { ReasonCodes.InvalidUscc };
        if (application.ExportDocType == ExportDocType.Declaration)
            checks.Add(ReasonCodes.InvalidDeclarationNo);
        checks.AddRange([ReasonCodes.InvalidHsCode, ReasonCodes.UnknownUnit, ReasonCodes.ReturnedQtyNotPositive, ReasonCodes.NotExactlyOneExportDoc, ReasonCodes.NotRefundedRequiresNotDeclared]);
        if (application.Variant == CertificateVariant.TaxPaid && application.RefundStatusOnCert != CertificateRefundStatus.NotDeclared)
            checks.Add(ReasonCodes.RefundStatusMismatch);
        return checks;
    }

    /// <summary>
    /// Runs V-01, V-02, V-04, V-05, V-09, V-14 and V-15 over the application as the exporter stated it (variant and refund
    /// status, §5.5) and the case lines it covers, plus the E-15 agreement of a TaxPaid application's refund status with the
    /// tax records (REFUND_STATUS_MISMATCH), and returns the distinct failing codes in rule order (the input of
    /// <see cref="Certificate.CompleteSelfCheck"/>).
    /// </summary>
    public static IReadOnlyList<string> Run(Certificate application, IReadOnlyList<ReturnCaseLine> coveredLines, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(coveredLines);
        ArgumentNullException.ThrowIfNull(options);
        var codes = new List<string>();

        // V-01: the agent's code only when there is one.
        if (!Identifiers.IsValidUscc(application.EnterpriseUscc) || (application.AgentUscc is not null && !Identifiers.IsValidUscc(application.AgentUscc)))
            codes.Add(ReasonCodes.InvalidUscc);

        // V-02: a list number has no public format, so only a declaration number is checked, against its own date.
        if (application.ExportDocType == ExportDocType.Declaration)
        {
            var declarationDate = coveredLines.FirstOrDefault(l => l.Export.DeclarationNo == application.ExportDeclarationNo)?.Export.DeclarationDate;
            if (!Identifiers.IsValidExportDeclarationNo(application.ExportDeclarationNo, declarationDate))
                codes.Add(ReasonCodes.InvalidDeclarationNo);
        }

        if (application.Lines.Any(l => !Identifiers.IsValidHsCode(l.HsCode)))
            codes.Add(ReasonCodes.InvalidHsCode);
        if (application.Lines.Any(l => !options.UnitCodes.Contains(l.UnitCode)))
            codes.Add(ReasonCodes.UnknownUnit);
        if (application.Lines.Count == 0 || application.Lines.Any(l => l.ReturnedQty <= 0))
            codes.Add(ReasonCodes.ReturnedQtyNotPositive);

        // V-14, E-17: one export document, and every certificate line and covered case line on it.
        var onOneDoc = !string.IsNullOrEmpty(application.ExportDocNo)
            && coveredLines.All(l => l.Export.DocType == application.ExportDocType && l.Export.ExportReference == application.ExportDocNo)
            && application.Lines.All(c => coveredLines.Any(l => l.Export.ItemNo == c.ExportItemNo));
        if (!onOneDoc)
            codes.Add(ReasonCodes.NotExactlyOneExportDoc);

        // V-15 and §5.6 consistency NotRefunded ⇔ NotDeclared, both on the application and in the tax refund records.
        var notRefundedBroken = application.Variant == CertificateVariant.NotRefunded
            && (application.RefundStatusOnCert != CertificateRefundStatus.NotDeclared || coveredLines.Any(l => l.Refund.Status != RefundStatus.NotDeclared));
        var taxPaidBroken = application.Variant == CertificateVariant.TaxPaid && application.RefundStatusOnCert == CertificateRefundStatus.NotDeclared;
        if (notRefundedBroken || taxPaidBroken)
            codes.Add(ReasonCodes.NotRefundedRequiresNotDeclared);

        // E-15: a TaxPaid application states how the make-up was done; the tax records and the confirmed make-up must agree.
        if (application.Variant == CertificateVariant.TaxPaid && application.RefundStatusOnCert != CertificateRefundStatus.NotDeclared)
        {
            var notRefunded = coveredLines.Any(l => l.Refund.Status == RefundStatus.NotDeclared);
            var otherMethod = coveredLines.Any(l => l.MakeUp is { Method: not MakeUpMethod.None } makeUp
                                                    && RefundRules.RefundStatusOnCertificate(CertificateVariant.TaxPaid, makeUp.Method) != application.RefundStatusOnCert);
            if (notRefunded || otherMethod)
                codes.Add(ReasonCodes.RefundStatusMismatch);
        }

        return codes;
    }
}
