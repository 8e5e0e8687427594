using System.Globalization;
using ExportTaxCheck.Returns.Intake;

namespace ExportTaxCheck.Returns.Tests.Intake;

public class ReturnWindowTests
{
    [Theory]
    [InlineData("2026-03-15", "2026-09-15")]
    [InlineData("2026-01-31", "2026-07-31")]
    [InlineData("2026-03-31", "2026-09-30")]
    [InlineData("2026-08-29", "2027-02-28")]
    [InlineData("2026-08-30", "2027-02-28")]
    [InlineData("2026-08-31", "2027-02-28")]
    [InlineData("2027-08-31", "2028-02-29")]
    [InlineData("2026-12-31", "2027-06-30")]
    [InlineData("2026-03-12", "2026-09-12")]
    public void AddMonthsCivilCode_E05Examples_SameDayOrMonthEnd(string clockStart, string deadline)
    {
        Assert.Equal(Parse(deadline), ReturnWindow.AddMonthsCivilCode(Parse(clockStart), 6));
    }

    private static DateOnly Parse(string value) => DateOnly.Parse(value, CultureInfo.InvariantCulture);
}
