namespace ExportTaxCheck.Returns.Clearance;

/// <summary>C-02a: the publication date of the customs monthly conversion rate (计征汇率, G-54).</summary>
public static class CustomsRateDate
{
    /// <summary>
    /// The third Wednesday of the month before the declaration month, or the fourth when the third is a statutory
    /// holiday [E31]. W-13: 2026-07-10 → 2026-06-17, 2026-09-01 → 2026-08-19.
    /// </summary>
    public static DateOnly For(DateOnly declarationDate, HolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var previousMonth = new DateOnly(declarationDate.Year, declarationDate.Month, 1).AddMonths(-1);
        var firstWednesday = previousMonth.AddDays(((int)DayOfWeek.Wednesday - (int)previousMonth.DayOfWeek + 7) % 7);
        var thirdWednesday = firstWednesday.AddDays(14);
        return holidays.IsStatutoryHoliday(thirdWednesday) ? thirdWednesday.AddDays(7) : thirdWednesday;
    }
}
