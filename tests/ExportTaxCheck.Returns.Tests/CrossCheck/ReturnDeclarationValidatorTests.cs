using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;
using static ExportTaxCheck.Returns.Tests.Support.ReturnFixtures;

namespace ExportTaxCheck.Returns.Tests.CrossCheck;

public class ReturnDeclarationValidatorTests
{
    private static IReadOnlyList<ValidationIssue> Validate(ReturnDeclaration declaration) =>
        ReturnDeclarationValidator.Validate(declaration, ReturnsDomainOptions.Default);

    private static (string Code, string Field) Single(ReturnDeclaration declaration)
    {
        var issue = Assert.Single(Validate(declaration));
        return (issue.Code, issue.Field);
    }

    [Fact]
    public void Validate_AS01Declaration_NoIssues()
    {
        Assert.Empty(Validate(Declaration()));
    }

    [Fact]
    public void Validate_ExportNumberAsReturnNumber_V02()
    {
        Assert.Equal((ReasonCodes.InvalidDeclarationNo, "ReturnDeclarationNo"), Single(Declaration() with { ReturnDeclarationNo = ExportDeclarationNo }));
    }

    [Fact]
    public void Validate_DirectReturnMode4500_V13()
    {
        Assert.Equal((ReasonCodes.ReturnModeNotConfigured, "SupervisionCode"), Single(Declaration() with { SupervisionCode = "4500" }));
    }

    [Fact]
    public void Validate_ConsigneeUsccBadCheckCharacter_V01()
    {
        Assert.Equal((ReasonCodes.InvalidUscc, "ConsigneeUscc"), Single(Declaration() with { ConsigneeUscc = "91440300MA5G7K2L3K" }));
    }

    [Fact]
    public void Validate_EntryAfterDeclaration_FieldInvalid()
    {
        Assert.Equal((ReasonCodes.FieldInvalid, "EntryDate"), Single(Declaration() with { EntryDate = new DateOnly(2026, 8, 22) }));
    }

    [Fact]
    public void Validate_MissingCertificateNo_FieldInvalid()
    {
        Assert.Equal((ReasonCodes.FieldInvalid, "CertificateNo"), Single(Declaration() with { CertificateNo = " " }));
    }

    [Fact]
    public void Validate_NoLines_FieldInvalid()
    {
        Assert.Equal((ReasonCodes.FieldInvalid, "Lines"), Single(Declaration() with { Lines = [] }));
    }

    [Fact]
    public void Validate_LineProblems_OneIssuePerField()
    {
        var line = DeclarationLine(qty: 0m) with { HsCode = "85183000", UnitCode = "000", Currency = "XXX", TotalPrice = 10.005m, DutyRate = 1m, VatRate = -0.01m };
        var declaration = Declaration(line) with { CustomsRate = 7.12m };

        var issues = Validate(declaration).Select(i => (i.Code, i.Field)).ToList();

        Assert.Equal(
            [
                (ReasonCodes.InvalidHsCode, "Lines[0].HsCode"),
                (ReasonCodes.UnknownUnit, "Lines[0].UnitCode"),
                (ReasonCodes.UnknownCurrency, "Lines[0].Currency"),
                (ReasonCodes.InvalidAmount, "Lines[0].TotalPrice"),
                (ReasonCodes.RateOutOfRange, "Lines[0].DutyRate"),
                (ReasonCodes.RateOutOfRange, "Lines[0].VatRate"),
                (ReasonCodes.ReturnedQtyNotPositive, "Lines[0].Qty"),
            ],
            issues);
    }

    [Fact]
    public void Validate_ForeignCurrencyWithoutRate_V08()
    {
        Assert.Equal((ReasonCodes.RateOutOfRange, "CustomsRate"), Single(Declaration() with { CustomsRate = 0m }));
    }

    [Fact]
    public void Validate_CnyOnlyWithoutRate_NoIssues()
    {
        var declaration = Declaration(DeclarationLine() with { Currency = "CNY", TotalPrice = 60_000.00m }) with { CustomsRate = 0m };

        Assert.Empty(Validate(declaration));
    }
}
