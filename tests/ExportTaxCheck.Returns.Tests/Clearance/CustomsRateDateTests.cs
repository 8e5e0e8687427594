using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Clearance;

public class CustomsRateDateTests
{
    [Theory]
    [InlineData("2026-07-10", "2026-06-17")]
    [InlineData("2026-09-01", "2026-08-19")]
    [InlineData("2026-08-21", "2026-07-15")]
    [InlineData("2026-01-05", "2025-12-17")]
    public void For_W13Examples_ThirdWednesdayOfPreviousMonth(string declared, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CustomsRateDate.For(DateOnly.Parse(declared, System.Globalization.CultureInfo.InvariantCulture), HolidayCalendar.Empty));
    }

    [Fact]
    public void For_ThirdWednesdayIsStatutoryHoliday_UsesFourthWednesday()
    {
        var holidays = new HolidayCalendar { StatutoryHolidays = new HashSet<DateOnly> { new(2026, 6, 17) } };

        Assert.Equal(new DateOnly(2026, 6, 24), CustomsRateDate.For(new DateOnly(2026, 7, 10), holidays));
    }
}
