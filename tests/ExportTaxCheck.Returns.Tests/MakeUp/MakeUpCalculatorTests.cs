using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.MakeUp;

public class MakeUpCalculatorTests
{
    private static ReturnCaseLine Refunded(decimal exportedQty, decimal returnedQty, RefundSnapshot refund) =>
        Line(Export(supervisionCode: "9710", exportedQty: exportedQty), returnedQty: returnedQty) with { Refund = refund };

    [Fact]
    public void Compute_NothingRefunded_IsNoMakeUp()
    {
        Assert.Null(MakeUpCalculator.Compute(Line(), EnterpriseType.Trading, []));
    }

    [Fact]
    public void Compute_W01TradingPartialReturn_RepaysTheProRataShare()
    {
        var line = Refunded(1000m, 250m, new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 26_000.00m, RefundRate = 0.13m, LevyRate = 0.13m });

        var record = MakeUpCalculator.Compute(line, EnterpriseType.Trading, [])!;

        Assert.Equal(MakeUpMethod.Repaid, record.Method);
        Assert.Equal(6_500.00m, record.MakeUpVat);
        Assert.Equal(0.00m, record.MakeUpCt);
        Assert.Equal(0m, record.ReversalMdt);
    }

    [Fact]
    public void Compute_W12SuccessiveReturns_TakeCumulativeSharesThatAddUpToTheRefund()
    {
        var refund = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 1_000.00m };
        var first = MakeUpCalculator.Compute(Refunded(3m, 1m, refund), EnterpriseType.Trading, [])!;
        var second = MakeUpCalculator.Compute(Refunded(3m, 1m, refund), EnterpriseType.Trading, [new EarlierReturn(1m, first.MakeUpVat, 0m)])!;
        var third = MakeUpCalculator.Compute(Refunded(3m, 1m, refund), EnterpriseType.Trading,
            [new EarlierReturn(1m, first.MakeUpVat, 0m), new EarlierReturn(1m, second.MakeUpVat, 0m)])!;

        Assert.Equal([333.33m, 333.34m, 333.33m], new[] { first.MakeUpVat, second.MakeUpVat, third.MakeUpVat });
        Assert.Equal(1_000.00m, first.MakeUpVat + second.MakeUpVat + third.MakeUpVat);
    }

    [Fact]
    public void Compute_EarlierReturnWithoutMakeUp_DoesNotCount()
    {
        var refund = new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 1_000.00m };

        var record = MakeUpCalculator.Compute(Refunded(3m, 1m, refund), EnterpriseType.Trading, [new EarlierReturn(1m)])!;

        Assert.Equal(333.33m, record.MakeUpVat);
    }

    [Fact]
    public void Compute_W10ManufacturerOffset_ReversesAtTheOriginalRate()
    {
        var line = Refunded(1000m, 300m, new RefundSnapshot { Status = RefundStatus.Credited, RefundRate = 0.13m, LevyRate = 0.13m, TaxRateUsed = 7.10m })
            with { Export = Export(supervisionCode: "9810", exportedQty: 1000m) with { FobForeign = 20_000.00m } };

        var record = MakeUpCalculator.Compute(line, EnterpriseType.Manufacturer, [])!;

        Assert.Equal(MakeUpMethod.Offset, record.Method);
        Assert.Equal(42_600.00m, record.FobCnyReturned);
        Assert.Equal(5_538.00m, record.ReversalMdt);
        Assert.Equal(0.00m, record.ReversalNonCreditable);
    }

    [Fact]
    public void Compute_W11ConsumptionTaxGoods_MakesUpVatAndCt()
    {
        var line = Refunded(100m, 40m, new RefundSnapshot { Status = RefundStatus.Refunded, VatRefunded = 13_000.00m, CtRefunded = 15_000.00m });

        var record = MakeUpCalculator.Compute(line, EnterpriseType.Trading, [])!;

        Assert.Equal(5_200.00m, record.MakeUpVat);
        Assert.Equal(6_000.00m, record.MakeUpCt);
    }
}
