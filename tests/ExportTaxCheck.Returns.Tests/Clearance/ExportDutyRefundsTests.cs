using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class ExportDutyRefundsTests
{
    private static readonly DateOnly Today = new(2026, 8, 22);

    private static ReturnCaseLine DutyLine(decimal returnedQty = 100m, DateOnly? paidOn = null) =>
        Line(Export(supervisionCode: "9710", exportedQty: 200m) with { ExportDutyPaid = 10_909.09m, ExportDutyPaidOn = paidOn ?? new DateOnly(2026, 3, 10) }, returnedQty: returnedQty);

    [Fact]
    public void For_W03HalfOfTheUnits_RefundsHalfRoundedAwayFromZero()
    {
        var (refund, reason) = ExportDutyRefunds.For(DutyLine(), [], Today, ReturnsDomainOptions.Default);

        Assert.Equal(5_454.55m, refund);
        Assert.Null(reason);
    }

    [Fact]
    public void For_SecondHalfAfterAnEarlierRefund_RefundsTheRest()
    {
        var (refund, _) = ExportDutyRefunds.For(DutyLine(), [new EarlierReturn(100m, ExportDutyRefund: 5_454.55m)], Today, ReturnsDomainOptions.Default);

        Assert.Equal(5_454.54m, refund);
    }

    [Fact]
    public void For_NoDutyCollected_IsNoExportDutyCollected()
    {
        var (refund, reason) = ExportDutyRefunds.For(Line(), [], Today, ReturnsDomainOptions.Default);

        Assert.Equal(0m, refund);
        Assert.Equal(ReasonCodes.NoExportDutyCollected, reason);
    }

    [Fact]
    public void For_AfterTheApplicationWindow_IsDeadlinePassed()
    {
        var (refund, reason) = ExportDutyRefunds.For(DutyLine(paidOn: new DateOnly(2025, 8, 21)), [], Today, ReturnsDomainOptions.Default);

        Assert.Equal(0m, refund);
        Assert.Equal(ReasonCodes.ExportDutyRefundDeadlinePassed, reason);
    }
}
