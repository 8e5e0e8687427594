using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Shared;

public class IdentifiersTests
{
    [Theory]
    [InlineData("91440300MA5G7K2L3J")]
    [InlineData("91330100MA2H3JQ7X7")]
    [InlineData("91440101MA9UP12347")]
    public void IsValidUscc_Section6Samples_PassCheckCharacter(string uscc)
    {
        Assert.True(Identifiers.IsValidUscc(uscc));
    }

    [Theory]
    [InlineData("91440300MA5G7K2L3K")] // wrong check character
    [InlineData("91330100MA2H3JQ7X8")] // wrong check character
    [InlineData("91440300MA5G7K2LIJ")] // I is not in the GB 32100 charset
    [InlineData("91440300ma5g7k2l3j")] // lower case
    [InlineData("9144030AMA5G7K2L3J")] // positions 3-8 are digits
    [InlineData("91440300MA5G7K2L3")] // 17 characters
    [InlineData("")]
    [InlineData(null)]
    public void IsValidUscc_Malformed_Fails(string? uscc)
    {
        Assert.False(Identifiers.IsValidUscc(uscc));
    }

    [Fact]
    public void UsccCheckCharacter_E1First17_IsJ()
    {
        Assert.Equal('J', Identifiers.UsccCheckCharacter("91440300MA5G7K2L3"));
    }

    [Fact]
    public void UsccCheckCharacter_SumDivisibleBy31_IsZero()
    {
        // Σ = 31 (index 1 × weight 1 + index 1 × weight 3 + index 1 × weight 27), so 31 − 0 = 31 → '0'.
        Assert.Equal('0', Identifiers.UsccCheckCharacter("11010000000000000"));
    }

    [Fact]
    public void IsValidExportDeclarationNo_AS01WithMatchingYear_Passes()
    {
        Assert.True(Identifiers.IsValidExportDeclarationNo("530020260001234567", new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void IsValidExportDeclarationNo_YearDigitsDifferFromDate_Fails()
    {
        Assert.False(Identifiers.IsValidExportDeclarationNo("530020260001234567", new DateOnly(2025, 12, 31)));
    }

    [Theory]
    [InlineData("530020261000765432")] // import flag
    [InlineData("53002026000123456")] // 17 digits
    [InlineData("5300202600012345A7")]
    [InlineData(null)]
    public void IsValidExportDeclarationNo_Malformed_Fails(string? value)
    {
        Assert.False(Identifiers.IsValidExportDeclarationNo(value, null));
    }

    [Fact]
    public void IsValidImportDeclarationNo_AS01ReturnDeclaration_Passes()
    {
        Assert.True(Identifiers.IsValidImportDeclarationNo("530020261000765432"));
        Assert.False(Identifiers.IsValidImportDeclarationNo("530020260001234567"));
    }

    [Theory]
    [InlineData("8518300000", true)]
    [InlineData("851830000", false)]
    [InlineData("85183000001", false)]
    [InlineData("8518.30.00", false)]
    public void IsValidHsCode_TenDigitsOnly(string value, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidHsCode(value));
    }

    [Fact]
    public void FieldPatterns_Section5Examples_Pass()
    {
        Assert.True(Identifiers.IsValidCustomsRegistrationCode("4403961234"));
        Assert.True(Identifiers.IsValidTaxAuthorityCode("14403000000"));
        Assert.True(Identifiers.IsValidCustomsOfficeCode("5300"));
        Assert.True(Identifiers.IsValidSupervisionCode("4561"));
    }

    [Fact]
    public void FieldPatterns_WrongLengthOrCharacters_Fail()
    {
        Assert.False(Identifiers.IsValidCustomsRegistrationCode("440396123a"));
        Assert.False(Identifiers.IsValidTaxAuthorityCode("1440300000"));
        Assert.False(Identifiers.IsValidCustomsOfficeCode("530"));
        Assert.False(Identifiers.IsValidSupervisionCode("45610"));
    }
}
