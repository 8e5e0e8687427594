using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class ClearanceCalculatorTests
{
    [Fact]
    public void Compute_AS01Declaration_ExemptsDutyAndVat()
    {
        var outcome = ClearanceCalculator.Compute(Declaration(), HolidayCalendar.Empty);

        Assert.Equal(7.1200m, outcome.CustomsRate);
        Assert.Equal(new DateOnly(2026, 7, 15), outcome.CustomsRateDate);
        Assert.Equal(71_200.00m, outcome.CustomsValue);
        Assert.Equal(5_696.00m, outcome.ImportDutyExempted);
        Assert.Equal(0.00m, outcome.ImportCtExempted);
        Assert.Equal(9_996.48m, outcome.ImportVatExempted);
        Assert.Equal(15_692.48m, outcome.TotalExempted);
        Assert.Equal(0.00m, outcome.ExportDutyRefund);
    }

    [Fact]
    public void Compute_AS04CnyDeclaration_TakesValueAsDeclared()
    {
        var declaration = Declaration(DeclarationLine(qty: 100m) with { Currency = "CNY", TotalPrice = 60_000.00m, DutyRate = 0.05m }) with { CustomsRate = 0m };

        var outcome = ClearanceCalculator.Compute(declaration, HolidayCalendar.Empty);

        Assert.Equal(60_000.00m, outcome.CustomsValue);
        Assert.Equal(3_000.00m, outcome.ImportDutyExempted);
        Assert.Equal(8_190.00m, outcome.ImportVatExempted);
        Assert.Equal(11_190.00m, outcome.TotalExempted);
    }

    [Fact]
    public void Compute_TwoLines_RoundsEachLineThenSums()
    {
        var line = DeclarationLine() with { TotalPrice = 1.00m, DutyRate = 0m };
        var declaration = Declaration(line, line with { ItemNo = 2, OriginalItemNo = 2 }) with { CustomsRate = 7.1235m };

        var outcome = ClearanceCalculator.Compute(declaration, HolidayCalendar.Empty);

        // Per line 7.12 and 0.93; a whole-declaration recomputation would give 14.25 and 1.85 (C-01).
        Assert.Equal(14.24m, outcome.CustomsValue);
        Assert.Equal(1.86m, outcome.ImportVatExempted);
        Assert.Equal(1.86m, outcome.TotalExempted);
    }

    [Fact]
    public void Compute_TwoDeclarations_AddsTheirRoundedAmounts()
    {
        var first = Declaration();
        var second = Declaration(DeclarationLine() with { TotalPrice = 1.00m, DutyRate = 0m }) with { ReturnDeclarationNo = "530020261000765433", CustomsRate = 7.1235m };

        var outcome = ClearanceCalculator.Compute([first, second], HolidayCalendar.Empty);

        Assert.Equal(7.1200m, outcome.CustomsRate);
        Assert.Equal(71_200.00m + 7.12m, outcome.CustomsValue);
        Assert.Equal(5_696.00m, outcome.ImportDutyExempted);
        Assert.Equal(9_996.48m + 0.93m, outcome.ImportVatExempted);
    }

    [Fact]
    public void Compute_NoDeclaration_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ClearanceCalculator.Compute([], HolidayCalendar.Empty));
    }
}
