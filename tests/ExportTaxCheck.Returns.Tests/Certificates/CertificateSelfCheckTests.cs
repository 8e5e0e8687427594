using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Certificates;

public class CertificateSelfCheckTests
{
    private static Certificate Application() => Certificate(status: CertificateStatus.Applied) with { CertificateNo = null, IssuedOn = null };

    private static IReadOnlyList<string> Run(Certificate application, params ReturnCaseLine[] lines) =>
        CertificateSelfCheck.Run(application, lines.Length > 0 ? lines : [Line()], ReturnsDomainOptions.Default);

    [Fact]
    public void Run_AS01Application_NoErrors()
    {
        Assert.Empty(Run(Application()));
    }

    [Fact]
    public void Run_EnterpriseUsccBadCheckCharacter_V01()
    {
        Assert.Equal([ReasonCodes.InvalidUscc], Run(Application() with { EnterpriseUscc = "91440300MA5G7K2L3K" }));
    }

    [Fact]
    public void Run_AgentUsccMalformed_V01()
    {
        Assert.Equal([ReasonCodes.InvalidUscc], Run(Application() with { AgentUscc = "91440101MA9UP1234" }));
    }

    [Fact]
    public void Run_DeclarationYearDiffersFromDeclarationDate_V02()
    {
        var line = Line(Export(declared: new DateOnly(2025, 12, 30)));

        Assert.Equal([ReasonCodes.InvalidDeclarationNo], Run(Application(), line));
    }

    [Fact]
    public void Run_NineDigitHs_V04()
    {
        var application = Application() with { Lines = [Application().Lines[0] with { HsCode = "851830000" }] };

        Assert.Equal([ReasonCodes.InvalidHsCode], Run(application));
    }

    [Fact]
    public void Run_UnknownUnit_V05()
    {
        var application = Application() with { Lines = [Application().Lines[0] with { UnitCode = "999" }] };

        Assert.Equal([ReasonCodes.UnknownUnit], Run(application));
    }

    [Fact]
    public void Run_ZeroReturnedQty_V09()
    {
        var application = Application() with { Lines = [Application().Lines[0] with { ReturnedQty = 0m }] };

        Assert.Equal([ReasonCodes.ReturnedQtyNotPositive], Run(application));
    }

    [Fact]
    public void Run_CoveredLineOfAnotherExportDeclaration_V14()
    {
        var other = Line(Export(declarationNo: "530020260009999999"), lineNo: 2);

        Assert.Equal([ReasonCodes.NotExactlyOneExportDoc], Run(Application(), Line(), other));
    }

    [Fact]
    public void Run_CertificateLineWithoutCoveredLine_V14()
    {
        var application = Application() with { Lines = [.. Application().Lines, Application().Lines[0] with { ExportItemNo = 2 }] };

        Assert.Equal([ReasonCodes.NotExactlyOneExportDoc], Run(application));
    }

    [Fact]
    public void Run_NotRefundedOnRefundedLine_V15()
    {
        var refunded = Line() with { Refund = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 26_000.00m } };

        Assert.Equal([ReasonCodes.NotRefundedRequiresNotDeclared], Run(Application(), refunded));
    }

    [Fact]
    public void Run_NotRefundedPrintedAsRepaid_V15()
    {
        Assert.Equal([ReasonCodes.NotRefundedRequiresNotDeclared], Run(Application() with { RefundStatusOnCert = CertificateRefundStatus.Repaid }));
    }

    [Fact]
    public void Run_SeveralFailures_DistinctCodesInRuleOrder()
    {
        var application = Application() with
        {
            EnterpriseUscc = "X",
            RefundStatusOnCert = CertificateRefundStatus.Offset,
            Lines = [Application().Lines[0] with { HsCode = "85", UnitCode = "999", ReturnedQty = -1m }, Application().Lines[0] with { ExportItemNo = 3, HsCode = "86" }],
        };

        Assert.Equal(
            [ReasonCodes.InvalidUscc, ReasonCodes.InvalidHsCode, ReasonCodes.UnknownUnit, ReasonCodes.ReturnedQtyNotPositive, ReasonCodes.NotExactlyOneExportDoc, ReasonCodes.NotRefundedRequiresNotDeclared],
            Run(application));
    }

    [Fact]
    public void Run_TaxPaidRepaidOnANotRefundedLine_RefundStatusMismatch()
    {
        var application = Application() with { Variant = CertificateVariant.TaxPaid, RefundStatusOnCert = CertificateRefundStatus.Repaid };

        Assert.Equal([ReasonCodes.RefundStatusMismatch], Run(application));
    }

    [Fact]
    public void Run_TaxPaidStatesOffsetButTheMakeUpWasRepaid_RefundStatusMismatch()
    {
        var refunded = Line() with
        {
            Refund = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 6_500.00m },
            MakeUp = new MakeUpRecord { Method = MakeUpMethod.Repaid, MakeUpVat = 6_500.00m },
        };
        var offset = Application() with { Variant = CertificateVariant.TaxPaid, RefundStatusOnCert = CertificateRefundStatus.Offset };
        var repaid = offset with { RefundStatusOnCert = CertificateRefundStatus.Repaid };

        Assert.Equal([ReasonCodes.RefundStatusMismatch], Run(offset, refunded));
        Assert.Empty(Run(repaid, refunded));
    }
}
