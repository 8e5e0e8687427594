using ExportTaxCheck.Returns.MakeUp;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Shared;

public class ReturnAmountsTests
{
    [Fact]
    public void SeedArticle_W00SeedExample_ReproducesS5Arithmetic()
    {
        var result = ReturnAmounts.SeedArticle(500_000.00m, 6.85m, 0.13m, 420_000.00m);

        Assert.Equal(new SeedArticleResult(3_425_000.00m, 445_250.00m, 25_250.00m), result);
    }

    [Fact]
    public void Official_W00SeedExample_RefundIsEndCreditAndOffsetIsRemainder()
    {
        var result = ReturnAmounts.Official(3_425_000.00m, 0.13m, 0.13m, outputVat: 0m, inputVat: 420_000.00m, priorCredit: 0m);

        Assert.Equal(new OfficialComparison(0.00m, -420_000.00m, 445_250.00m, 420_000.00m, 420_000.00m, 25_250.00m), result);
    }

    [Fact]
    public void Official_EndCreditAboveMdt_RefundCappedAtMdtAndNoOffset()
    {
        var result = ReturnAmounts.Official(100_000.00m, 0.13m, 0.09m, outputVat: 1_000.00m, inputVat: 30_000.00m, priorCredit: 500.00m);

        // NonCreditable 4,000.00; PayableVat 1,000 − 26,000 − 500 = −25,500.00; Mdt 9,000.00.
        Assert.Equal(new OfficialComparison(4_000.00m, -25_500.00m, 9_000.00m, 25_500.00m, 9_000.00m, 0.00m), result);
    }

    [Fact]
    public void Official_PositivePayableVat_NoEndCreditAndWholeMdtOffset()
    {
        var result = ReturnAmounts.Official(10_000.00m, 0.13m, 0.13m, outputVat: 5_000.00m, inputVat: 1_000.00m, priorCredit: 0m);

        Assert.Equal(new OfficialComparison(0.00m, 4_000.00m, 1_300.00m, 0m, 0m, 1_300.00m), result);
    }

    [Fact]
    public void ProRataShare_W01QuarterOfRefundedLine_MakesUp6500()
    {
        Assert.Equal(6_500.00m, ReturnAmounts.ProRataShare(26_000.00m, 1_000m, 250m, 0m));
    }

    [Fact]
    public void ProRataShare_W01bFractionalShare_RoundsHalfUpTo7811_11()
    {
        Assert.Equal(7_811.11m, ReturnAmounts.ProRataShare(23_456.78m, 1_000m, 333m, 0m));
    }

    [Fact]
    public void ProRataShare_W02NothingRefunded_MakesUpZero()
    {
        Assert.Equal(0.00m, ReturnAmounts.ProRataShare(0.00m, 2_000m, 500m, 0m));
    }

    [Fact]
    public void ProRataShare_AS02FullReturn_MakesUpExactlyTheRefund()
    {
        Assert.Equal(23_400.00m, ReturnAmounts.ProRataShare(23_400.00m, 1_200m, 1_200m, 0m));
    }

    [Fact]
    public void ProRataShare_AS04ExportDutyRefund_RoundsHalfAwayFromZeroTo5454_55()
    {
        Assert.Equal(5_454.55m, ReturnAmounts.ProRataShare(10_909.09m, 200m, 100m, 0m));
    }

    [Theory]
    [InlineData(1, 0.00, 333.33)]
    [InlineData(2, 333.33, 333.34)]
    [InlineData(3, 666.67, 333.33)]
    public void ProRataShare_W12SuccessiveReturns_EachShareFromCumulative(int cumulative, double previous, double expected)
    {
        Assert.Equal((decimal)expected, ReturnAmounts.ProRataShare(1_000.00m, 3m, cumulative, (decimal)previous));
    }

    [Fact]
    public void ProRataShare_W12ThreeReturns_SumToTheWholeRefund()
    {
        var first = ReturnAmounts.ProRataShare(1_000.00m, 3m, 1m, 0m);
        var second = ReturnAmounts.ProRataShare(1_000.00m, 3m, 2m, first);
        var third = ReturnAmounts.ProRataShare(1_000.00m, 3m, 3m, first + second);

        Assert.Equal(1_000.00m, first + second + third);
    }

    [Fact]
    public void ProRataShare_ExportedQtyZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReturnAmounts.ProRataShare(100m, 0m, 0m, 0m));
    }

    [Fact]
    public void ProRataShare_CumulativeAboveExported_Throws()
    {
        Assert.Throws<ArgumentException>(() => ReturnAmounts.ProRataShare(100m, 10m, 11m, 0m));
    }

    [Fact]
    public void Reversal_W10ThirtyPercentReturned_ReversesFobAndMdt()
    {
        var fobCny = 20_000.00m * 7.10m;

        var reversal = ReturnAmounts.Reversal(fobCny, 1_000m, 300m, 0m, refundRate: 0.13m, levyRate: 0.13m);

        Assert.Equal(new ManufacturerReversal(42_600.00m, 5_538.00m, 0.00m), reversal);
    }

    [Fact]
    public void Reversal_LevyAboveRefundRate_ReversesNonCreditable()
    {
        var reversal = ReturnAmounts.Reversal(142_000.00m, 1_000m, 300m, 0m, refundRate: 0.09m, levyRate: 0.13m);

        Assert.Equal(new ManufacturerReversal(42_600.00m, 3_834.00m, 1_704.00m), reversal);
    }

    [Fact]
    public void Reversal_SecondReturn_ReversesOnlyTheNewShare()
    {
        var reversal = ReturnAmounts.Reversal(1_000.00m, 3m, 2m, 333.33m, refundRate: 0.13m, levyRate: 0.13m);

        Assert.Equal(new ManufacturerReversal(333.34m, 43.33m, 0.00m), reversal);
    }

    [Fact]
    public void OriginalExportDuty_W03TenPercent_GivesCollectedDuty()
    {
        Assert.Equal((109_090.91m, 10_909.09m), ReturnAmounts.OriginalExportDuty(120_000.00m, 0.10m));
    }

    [Fact]
    public void CustomsValue_AS01UsdAtCustomsRate_Converts()
    {
        Assert.Equal(71_200.00m, ReturnAmounts.CustomsValue(10_000.00m, "USD", 7.1200m));
    }

    [Fact]
    public void CustomsValue_FractionalProduct_RoundsToFen()
    {
        Assert.Equal(7.13m, ReturnAmounts.CustomsValue(1.00m, "USD", 7.1250m));
    }

    [Fact]
    public void CustomsValue_Cny_TakesAmountAsIs()
    {
        Assert.Equal(60_000.00m, ReturnAmounts.CustomsValue(60_000.00m, "CNY", 0m));
    }

    [Fact]
    public void Exemption_AS01EightPercentDuty_Totals15692_48()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 71_200.00m, Qty = 500m, DutyRate = 0.08m });

        Assert.Equal(new ImportTaxes(5_696.00m, 0.00m, 9_996.48m), taxes);
        Assert.Equal(15_692.48m, taxes.Total);
    }

    [Fact]
    public void Exemption_W01AndAS03_Totals15648_40()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 71_000.00m, Qty = 250m, DutyRate = 0.08m });

        Assert.Equal(new ImportTaxes(5_680.00m, 0.00m, 9_968.40m), taxes);
        Assert.Equal(15_648.40m, taxes.Total);
    }

    [Fact]
    public void Exemption_AS02SixPercentDuty_Totals33942_48()
    {
        var customsValue = ReturnAmounts.CustomsValue(24_000.00m, "USD", 7.1500m);

        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = customsValue, Qty = 1_200m, DutyRate = 0.06m });

        Assert.Equal(171_600.00m, customsValue);
        Assert.Equal(new ImportTaxes(10_296.00m, 0.00m, 23_646.48m), taxes);
        Assert.Equal(33_942.48m, taxes.Total);
    }

    [Fact]
    public void Exemption_W03AndAS04FivePercentDuty_Totals11190()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 60_000.00m, Qty = 100m, DutyRate = 0.05m });

        Assert.Equal(new ImportTaxes(3_000.00m, 0.00m, 8_190.00m), taxes);
        Assert.Equal(11_190.00m, taxes.Total);
    }

    [Fact]
    public void Exemption_W11AdValoremConsumptionTax_UsesCompositePrice()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 60_000.00m, Qty = 40m, DutyRate = 0.05m, CtRate = 0.15m });

        Assert.Equal(new ImportTaxes(3_000.00m, 11_117.65m, 9_635.29m), taxes);
        Assert.Equal(23_752.94m, taxes.Total);
    }

    [Fact]
    public void Exemption_SpecificDuty_QtyTimesUnitDuty()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 1_000.00m, Qty = 3m, DutyPerUnit = 1.255m });

        Assert.Equal(new ImportTaxes(3.77m, 0.00m, 130.49m), taxes);
    }

    [Fact]
    public void Exemption_CompoundDuty_SumsBothRoundedParts()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 1_000.00m, Qty = 100m, DutyRate = 0.10m, DutyPerUnit = 2.5m });

        Assert.Equal(new ImportTaxes(350.00m, 0.00m, 175.50m), taxes);
    }

    [Fact]
    public void Exemption_SpecificConsumptionTax_QtyTimesUnitTax()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 1_000.00m, Qty = 10m, CtPerUnit = 1.333m });

        Assert.Equal(new ImportTaxes(0.00m, 13.33m, 131.73m), taxes);
    }

    [Fact]
    public void Exemption_CompoundConsumptionTax_AddsSpecificToCompositePriceAndToTax()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 1_000.00m, Qty = 10m, CtRate = 0.10m, CtPerUnit = 1m });

        // Round((1,000 + 10) / 0.9 × 0.1) = 112.22, plus Round(10 × 1) = 10.00.
        Assert.Equal(new ImportTaxes(0.00m, 122.22m, 145.89m), taxes);
    }

    [Fact]
    public void Exemption_NinePercentVat_UsesGivenRate()
    {
        var taxes = ReturnAmounts.Exemption(new ExemptionInput { CustomsValue = 10_000.00m, Qty = 1m, VatRate = 0.09m });

        Assert.Equal(new ImportTaxes(0.00m, 0.00m, 900.00m), taxes);
    }
}
