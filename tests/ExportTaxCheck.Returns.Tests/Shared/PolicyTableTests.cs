using System.Globalization;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Shared;

public class PolicyTableTests
{
    [Theory]
    [InlineData("2023-01-29", null)]
    [InlineData("2023-01-30", "CBEC-RET-2023-34")]
    [InlineData("2025-12-31", "CBEC-RET-2023-34")]
    [InlineData("2026-01-01", "CBEC-RET-2026-16")]
    [InlineData("2027-12-31", "CBEC-RET-2026-16")]
    [InlineData("2028-01-01", null)]
    public void Select_E01Boundaries_InclusiveWindows(string declared, string? expected)
    {
        var version = PolicyTable.Default.Select(DateOnly.Parse(declared, CultureInfo.InvariantCulture), new DateOnly(2026, 8, 1));

        Assert.Equal(expected, version?.Id);
    }

    [Fact]
    public void Select_EvaluatedBeforeNo34_UsesOriginal2023Version()
    {
        Assert.Equal("CBEC-RET-2023-04", PolicyTable.Default.Select(new DateOnly(2023, 3, 1), new DateOnly(2023, 5, 1))?.Id);
    }
}
