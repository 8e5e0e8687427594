namespace ExportTaxCheck.Returns.Shared;

/// <summary>
/// Chinese statutory holidays and adjusted working days (调休) as configuration data; used by the optional
/// deadline extension (A-04, Civil Code Art. 203) and the customs rate date (C-02a).
/// </summary>
public sealed record HolidayCalendar
{
    public static HolidayCalendar Empty { get; } = new();

    public IReadOnlySet<DateOnly> StatutoryHolidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>Weekend days declared working days in exchange for a holiday.</summary>
    public IReadOnlySet<DateOnly> AdjustedWorkingDays { get; init; } = new HashSet<DateOnly>();

    public bool IsStatutoryHoliday(DateOnly date) => StatutoryHolidays.Contains(date);

    // Art. 203's 法定休假日 includes weekly rest days unless they are swapped into working days.
    public bool IsRestDay(DateOnly date) =>
        IsStatutoryHoliday(date)
        || (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !AdjustedWorkingDays.Contains(date));
}
