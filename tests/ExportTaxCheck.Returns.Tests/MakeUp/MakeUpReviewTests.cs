using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.MakeUp;

/// <summary>The make-up written out for the officer comes to the same amounts as the make-up the case records (C-03..C-06).</summary>
public class MakeUpReviewTests
{
    private static ReturnCaseLine Refunded(decimal exportedQty, decimal returnedQty, RefundSnapshot refund, string supervisionCode = "9710") =>
        Line(Export(supervisionCode: supervisionCode, exportedQty: exportedQty), returnedQty: returnedQty) with { Refund = refund };

    [Fact]
    public void Explain_ThirdSuccessiveReturn_ShowsTheCumulativeShareBeforeAndAfterRounding_LessWhatEarlierReturnsTook()
    {
        var refund = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 1_000.00m, CtRefunded = 200.00m };
        var line = Refunded(3m, 1m, refund);
        EarlierReturn[] earlier = [new(1m, 333.33m, 66.67m), new(1m, 333.34m, 66.66m), new(5m)];

        var steps = MakeUpReview.Explain(line, EnterpriseType.Trading, earlier);
        var record = MakeUpCalculator.Compute(line, EnterpriseType.Trading, earlier)!;

        Assert.Equal(2m, steps.EarlierQty); // the return without a make-up does not count
        Assert.Equal(3m, steps.Vat.CumulativeQty);
        Assert.Equal(1_000.00m * 3m / 3m, steps.Vat.Exact);
        Assert.Equal(333.33m + 333.34m, steps.Vat.Previous);
        Assert.Equal(record.MakeUpVat, steps.Vat.Due);
        Assert.Equal(record.MakeUpCt, steps.Ct.Due);
        Assert.Equal(record.MakeUpVat + record.MakeUpCt, steps.Total);
        Assert.Equal(MakeUpMethod.Repaid, steps.Method);
        Assert.Null(steps.Fob);
    }

    [Fact]
    public void Explain_ManufacturerOffset_ShowsTheReversalAtTheRefundAndLevyRates()
    {
        var refund = new RefundSnapshot { Status = RefundStatus.Credited, VatRefunded = 2_600.00m, RefundRate = 0.09m, LevyRate = 0.13m, FobCny = 142_000.00m };
        var line = Refunded(1000m, 333m, refund, "9810");

        var steps = MakeUpReview.Explain(line, EnterpriseType.Manufacturer, []);
        var record = MakeUpCalculator.Compute(line, EnterpriseType.Manufacturer, [])!;

        Assert.Equal(MakeUpMethod.Offset, steps.Method);
        Assert.NotNull(steps.Fob);
        Assert.Equal(142_000.00m * 333m / 1000m, steps.Fob.Exact);
        Assert.Equal(record.FobCnyReturned, steps.Fob.Due);
        Assert.Equal(steps.Fob.Due * 0.09m, steps.ReversalMdtExact);
        Assert.Equal(record.ReversalMdt, steps.ReversalMdt);
        Assert.Equal(0.13m - 0.09m, steps.NonCreditableRate);
        Assert.Equal(record.ReversalNonCreditable, steps.ReversalNonCreditable);
        Assert.Equal(record.MakeUpVat, steps.Vat.Due);
    }

    [Fact]
    public void Explain_PreRefund_IsMadeUpAsARefund()
    {
        var line = Refunded(10m, 3m, new RefundSnapshot { Status = RefundStatus.PreRefundedHwc, VatRefunded = 100.01m });

        var steps = MakeUpReview.Explain(line, EnterpriseType.Trading, []);

        Assert.True(steps.PreRefund);
        Assert.Equal(Money.Round(100.01m * 3m / 10m), steps.Vat.Due);
        Assert.Equal(MakeUpCalculator.Compute(line, EnterpriseType.Trading, [])!.MakeUpVat, steps.Vat.Due);
    }
}
