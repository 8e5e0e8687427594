using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.CrossCheck;

public class CrossCheckRulesTests
{
    private static readonly Guid CheckId = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Dictionary<int, RefundStatus> NoRefundInfo = [];

    private static CrossCheckResult Check(
        Certificate? certificate,
        ReturnDeclaration? declaration = null,
        IReadOnlyDictionary<int, RefundStatus>? refundStatus = null,
        bool acceptGoodsName = false,
        ReturnsDomainOptions? options = null) =>
        CrossCheckRules.Evaluate(certificate, declaration ?? Declaration(), refundStatus ?? NoRefundInfo, acceptGoodsName,
            options ?? ReturnsDomainOptions.Default, CheckId, CheckedAt);

    private static CrossCheckReason Single(CrossCheckResult result)
    {
        Assert.Equal(CrossCheckOutcome.Mismatched, result.Result);
        return Assert.Single(result.Reasons);
    }

    [Fact]
    public void Evaluate_AS01EverythingAgrees_MatchedWithoutReasons()
    {
        var result = Check(Certificate(), refundStatus: new Dictionary<int, RefundStatus> { [1] = RefundStatus.NotDeclared });

        Assert.Equal(CrossCheckOutcome.Matched, result.Result);
        Assert.Empty(result.Reasons);
        Assert.Equal(CheckId, result.CheckId);
        Assert.Equal(C1, result.CertificateNo);
        Assert.Equal(ReturnDeclarationNo, result.ReturnDeclarationNo);
        Assert.Equal(CheckedAt, result.CheckedAt);
        Assert.Equal(Channel.Electronic, result.Channel);
        Assert.Null(result.UnavailableCause);
    }

    [Fact]
    public void Evaluate_X01NoCertificate_CertNotFoundOnly()
    {
        Assert.Equal(new CrossCheckReason(ReasonCodes.CertNotFound, null, C1, null), Single(Check(null)));
    }

    [Fact]
    public void Evaluate_X01ApplicationNotIssued_CertNotFound()
    {
        Assert.Equal(ReasonCodes.CertNotFound, Single(Check(Certificate(status: CertificateStatus.UnderReview))).Code);
    }

    [Fact]
    public void Evaluate_X02Cancelled_CertCancelled()
    {
        Assert.Equal(ReasonCodes.CertCancelled, Single(Check(Certificate(status: CertificateStatus.Cancelled))).Code);
    }

    [Fact]
    public void Evaluate_X02Used_CertAlreadyUsed()
    {
        var used = Certificate(status: CertificateStatus.Used) with { ReservedForDeclarationNo = "530020261000000001" };

        Assert.Equal(ReasonCodes.CertAlreadyUsed, Single(Check(used)).Code);
    }

    [Fact]
    public void Evaluate_X02ReservedForOtherDeclaration_CertBoundToOtherDeclaration()
    {
        var reserved = Certificate(status: CertificateStatus.Reserved) with { ReservedForDeclarationNo = "530020261000000001" };

        Assert.Equal(new CrossCheckReason(ReasonCodes.CertBoundToOtherDeclaration, null, null, "530020261000000001"), Single(Check(reserved)));
    }

    [Fact]
    public void Evaluate_X02ReservedForSameDeclaration_MatchedAsIdempotentRecheck()
    {
        var reserved = Certificate(status: CertificateStatus.Reserved) with { ReservedForDeclarationNo = ReturnDeclarationNo };

        Assert.Equal(CrossCheckOutcome.Matched, Check(reserved).Result);
    }

    [Fact]
    public void Evaluate_X03OtherConsignee_EnterpriseMismatch()
    {
        var declaration = Declaration() with { ConsigneeUscc = M1Uscc };

        Assert.Equal(new CrossCheckReason(ReasonCodes.EnterpriseMismatch, null, E1Uscc, M1Uscc), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X03AgentOfEntrustedExportIsConsignee_Matched()
    {
        var certificate = Certificate() with { AgentUscc = AgentUscc };
        var declaration = Declaration() with { ConsigneeUscc = AgentUscc };

        Assert.Equal(CrossCheckOutcome.Matched, Check(certificate, declaration).Result);
    }

    [Fact]
    public void Evaluate_X04OtherExportDeclaration_ExportDeclMismatch()
    {
        var declaration = Declaration() with { RelatedExportDeclarationNo = "530020260009999999" };

        Assert.Equal(new CrossCheckReason(ReasonCodes.ExportDeclMismatch, null, ExportDeclarationNo, "530020260009999999"), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X05DeclarationLineNotOnCertificate_ItemNotOnCert()
    {
        var declaration = Declaration(DeclarationLine(), DeclarationLine(itemNo: 2, originalItemNo: 7));

        Assert.Equal(new CrossCheckReason(ReasonCodes.ItemNotOnCert, 2, null, "7"), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X05CertificateLineMissingFromDeclaration_LineCountMismatch()
    {
        var certificate = Certificate() with { Lines = [.. Certificate().Lines, Certificate().Lines[0] with { ExportItemNo = 2 }] };

        Assert.Equal(new CrossCheckReason(ReasonCodes.LineCountMismatch, null, "2", null), Single(Check(certificate)));
    }

    [Fact]
    public void Evaluate_X06OtherHsCode_HsMismatch()
    {
        var declaration = Declaration(DeclarationLine() with { HsCode = "8518290000" });

        Assert.Equal(new CrossCheckReason(ReasonCodes.HsMismatch, 1, "8518300000", "8518290000"), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X07AS14FewerGoodsArrived_QtyMismatch500Versus480()
    {
        var declaration = Declaration(DeclarationLine(qty: 480m));

        Assert.Equal(new CrossCheckReason(ReasonCodes.QtyMismatch, 1, "500", "480"), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X07FractionalQuantities_FormattedWithoutTrailingZeros()
    {
        var declaration = Declaration(DeclarationLine(qty: 12.50000m));

        Assert.Equal(new CrossCheckReason(ReasonCodes.QtyMismatch, 1, "500", "12.5"), Single(Check(Certificate(returnedQty: 500.000m), declaration)));
    }

    [Fact]
    public void Evaluate_X07LessAllowedByA09Option_Matched()
    {
        var declaration = Declaration(DeclarationLine(qty: 480m));
        var options = ReturnsDomainOptions.Default with { AllowLessThanCertificateQty = true };

        Assert.Equal(CrossCheckOutcome.Matched, Check(Certificate(), declaration, options: options).Result);
    }

    [Fact]
    public void Evaluate_X07MoreThanCertifiedWithA09Option_QtyMismatch()
    {
        var declaration = Declaration(DeclarationLine(qty: 520m));
        var options = ReturnsDomainOptions.Default with { AllowLessThanCertificateQty = true };

        Assert.Equal(new CrossCheckReason(ReasonCodes.QtyMismatch, 1, "500", "520"), Single(Check(Certificate(), declaration, options: options)));
    }

    [Fact]
    public void Evaluate_X08OtherUnit_UnitMismatch()
    {
        var declaration = Declaration(DeclarationLine() with { UnitCode = "011" });

        Assert.Equal(new CrossCheckReason(ReasonCodes.UnitMismatch, 1, Pcs, "011"), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X09NotRefundedPrintedAsRepaid_VariantStatusInconsistent()
    {
        var certificate = Certificate(refundStatus: CertificateRefundStatus.Repaid);

        Assert.Equal(new CrossCheckReason(ReasonCodes.VariantStatusInconsistent, null, "NotRefunded", "Repaid"), Single(Check(certificate)));
    }

    [Fact]
    public void Evaluate_X09RefundProcessedAfterNotRefundedCertificate_VariantStatusInconsistent()
    {
        var status = new Dictionary<int, RefundStatus> { [1] = RefundStatus.Refunded };

        Assert.Equal(new CrossCheckReason(ReasonCodes.VariantStatusInconsistent, 1, "NotRefunded", "Refunded"), Single(Check(Certificate(), refundStatus: status)));
    }

    [Fact]
    public void Evaluate_X09TaxPaidOnRefundedLine_Matched()
    {
        var certificate = Certificate(variant: CertificateVariant.TaxPaid, refundStatus: CertificateRefundStatus.Repaid);
        var status = new Dictionary<int, RefundStatus> { [1] = RefundStatus.Refunded };

        Assert.Equal(CrossCheckOutcome.Matched, Check(certificate, refundStatus: status).Result);
    }

    [Fact]
    public void Evaluate_X10IssuedAfterDeclaration_CertDateAfterDeclaration()
    {
        var certificate = Certificate() with { IssuedOn = new DateOnly(2026, 8, 22) };

        Assert.Equal(new CrossCheckReason(ReasonCodes.CertDateAfterDeclaration, null, "2026-08-21", "2026-08-22"), Single(Check(certificate)));
    }

    [Fact]
    public void Evaluate_X10IssuedOnDeclarationDay_Matched()
    {
        var certificate = Certificate() with { IssuedOn = new DateOnly(2026, 8, 21) };

        Assert.Equal(CrossCheckOutcome.Matched, Check(certificate).Result);
    }

    [Fact]
    public void Evaluate_X11NameDiffersNotAccepted_MismatchedWithWarning()
    {
        var declaration = Declaration(DeclarationLine() with { GoodsName = "无线耳机" });

        Assert.Equal(new CrossCheckReason(ReasonCodes.GoodsNameMismatch, 1, "蓝牙耳机", "无线耳机", IsWarning: true), Single(Check(Certificate(), declaration)));
    }

    [Fact]
    public void Evaluate_X11NameDifferenceAccepted_MatchedAndWarningKept()
    {
        var declaration = Declaration(DeclarationLine() with { GoodsName = "无线耳机" });

        var result = Check(Certificate(), declaration, acceptGoodsName: true);

        Assert.Equal(CrossCheckOutcome.Matched, result.Result);
        Assert.True(Assert.Single(result.Reasons).IsWarning);
    }

    [Fact]
    public void Evaluate_X11NameDiffersOnlyInWidthAndSpaces_Matched()
    {
        var declaration = Declaration(DeclarationLine() with { GoodsName = " 蓝牙 耳机（） " });

        Assert.Equal(CrossCheckOutcome.Matched, Check(Certificate(), declaration).Result);
    }

    [Fact]
    public void Evaluate_AcceptedNameButQtyDiffers_StillMismatched()
    {
        var declaration = Declaration(DeclarationLine(qty: 480m) with { GoodsName = "无线耳机" });

        Assert.Equal(CrossCheckOutcome.Mismatched, Check(Certificate(), declaration, acceptGoodsName: true).Result);
    }

    [Fact]
    public void Evaluate_SeveralFailures_AllReportedInRuleOrder()
    {
        var certificate = Certificate(status: CertificateStatus.Cancelled) with { IssuedOn = new DateOnly(2026, 9, 1) };
        var declaration = Declaration(DeclarationLine(qty: 480m) with { UnitCode = "011", GoodsName = "耳机" }) with { ConsigneeUscc = M1Uscc };

        var codes = Check(certificate, declaration).Reasons.Select(r => r.Code);

        Assert.Equal(
            [ReasonCodes.CertCancelled, ReasonCodes.EnterpriseMismatch, ReasonCodes.QtyMismatch, ReasonCodes.UnitMismatch, ReasonCodes.CertDateAfterDeclaration, ReasonCodes.GoodsNameMismatch],
            codes);
    }

    [Fact]
    public void CheckPaperAllowed_AS16UnavailableNetworkFailure_Allowed()
    {
        var unavailable = CrossCheckResult.Unavailable(CheckId, C1, ReturnDeclarationNo, CheckedAt, UnavailableCause.NetworkFailure);

        Assert.Null(CrossCheckRules.CheckPaperAllowed(unavailable, transmissionFailedInfrastructure: false));
    }

    [Fact]
    public void CheckPaperAllowed_AS16AfterMismatch_PaperNotPermitted()
    {
        var mismatched = Check(Certificate(), Declaration(DeclarationLine(qty: 480m)));

        Assert.Equal(ReasonCodes.PaperNotPermitted, CrossCheckRules.CheckPaperAllowed(mismatched, transmissionFailedInfrastructure: false));
    }

    [Fact]
    public void CheckPaperAllowed_MismatchEvenWithFailedTransmission_PaperNotPermitted()
    {
        var mismatched = Check(Certificate(), Declaration(DeclarationLine(qty: 480m)));

        Assert.Equal(ReasonCodes.PaperNotPermitted, CrossCheckRules.CheckPaperAllowed(mismatched, transmissionFailedInfrastructure: true));
    }

    [Fact]
    public void CheckPaperAllowed_CertNotFoundWithoutInfrastructureCause_PaperNotPermitted()
    {
        Assert.Equal(ReasonCodes.PaperNotPermitted, CrossCheckRules.CheckPaperAllowed(Check(null), transmissionFailedInfrastructure: false));
    }

    [Fact]
    public void CheckPaperAllowed_CertNotFoundAfterFailedTransmission_Allowed()
    {
        Assert.Null(CrossCheckRules.CheckPaperAllowed(Check(null), transmissionFailedInfrastructure: true));
    }

    [Fact]
    public void CheckPaperAllowed_NoCheckYetButTransmissionFailed_Allowed()
    {
        Assert.Null(CrossCheckRules.CheckPaperAllowed(null, transmissionFailedInfrastructure: true));
    }

    [Fact]
    public void CheckPaperAllowed_NoCheckAndTransmissionFine_PaperNotPermitted()
    {
        Assert.Equal(ReasonCodes.PaperNotPermitted, CrossCheckRules.CheckPaperAllowed(null, transmissionFailedInfrastructure: false));
    }

    [Fact]
    public void CheckPaperAllowed_AfterMatch_PaperNotPermitted()
    {
        Assert.Equal(ReasonCodes.PaperNotPermitted, CrossCheckRules.CheckPaperAllowed(Check(Certificate()), transmissionFailedInfrastructure: false));
    }
}
