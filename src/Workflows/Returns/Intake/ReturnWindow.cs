namespace ExportTaxCheck.Returns.Intake;

/// <summary>The six-month return limit: clock start, deadline and end event (E-05, E-06, A-03..A-06).</summary>
public static class ReturnWindow
{
    public const string BondedCode = "1210";

    /// <summary>
    /// E-05, A-03: Civil Code Arts. 201-202. The start day is not counted; the period ends on the same-numbered day
    /// <paramref name="months"/> later, or on the last day of that month when it has no such day.
    /// </summary>
    public static DateOnly AddMonthsCivilCode(DateOnly start, int months)
    {
        var monthIndex = start.Year * 12 + (start.Month - 1) + months;
        var year = monthIndex / 12;
        var month = monthIndex % 12 + 1;
        return new DateOnly(year, month, Math.Min(start.Day, DateTime.DaysInMonth(year, month)));
    }

    /// <summary>A-04, Civil Code Art. 203: a last day on a rest day moves to the next working day.</summary>
    public static DateOnly ExtendOverRestDays(DateOnly deadline, HolidayCalendar calendar)
    {
        var day = deadline;
        while (calendar.IsRestDay(day))
            day = day.AddDays(1);
        return day;
    }

    /// <summary>E-05: the export date (A-06: the list's export date in list mode); E-06: the area exit date for 1210.</summary>
    public static DateOnly? ClockStart(ExportLineSnapshot export) =>
        export.SupervisionCode == BondedCode ? export.AreaExitDate : export.ExportDate;

    public static DateOnly Deadline(DateOnly clockStart, int months, ReturnsDomainOptions options)
    {
        var deadline = AddMonthsCivilCode(clockStart, months);
        return options.ExtendDeadlineOverHolidays ? ExtendOverRestDays(deadline, options.Holidays) : deadline;
    }

    public static ReturnWindowCheck Check(ReturnCaseLine line, PolicyVersion policy, ReturnDateBasis basis, ReturnsDomainOptions options)
    {
        var clockStart = ClockStart(line.Export);
        if (clockStart is null)
            return new ReturnWindowCheck { ReviewReasons = [ReasonCodes.DataIncomplete] };

        var deadline = Deadline(clockStart.Value, policy.ReturnLimitMonths, options);
        var is1210 = line.Export.SupervisionCode == BondedCode;

        // E-06: goods that stay in the special area are not returned under this policy.
        if (is1210 && line.Destination == ReturnDestination.RemainsInSpecialArea)
            return new ReturnWindowCheck { ClockStart = clockStart, Deadline = deadline, Reasons = [ReasonCodes.NotReturnedToNonZone] };

        var endEvent = EndEvent(line, is1210, basis);
        if (endEvent is null)
        {
            // At clearance, 1210 goods that re-entered the area but were never declared out into 境内区外 have not returned.
            var missingExit = is1210 && basis == ReturnDateBasis.Actual
                && line.Destination == ReturnDestination.SpecialAreaThenDomesticNonZone && line.ReturnEntryDate is not null;
            return missingExit
                ? new ReturnWindowCheck { ClockStart = clockStart, Deadline = deadline, Reasons = [ReasonCodes.NotReturnedToNonZone] }
                : new ReturnWindowCheck { ClockStart = clockStart, Deadline = deadline, ReviewReasons = [ReasonCodes.DataIncomplete] };
        }

        // V-12: an end event before the clock start is a data error, not a late return.
        if (endEvent < clockStart)
            return new ReturnWindowCheck { ClockStart = clockStart, Deadline = deadline, EndEvent = endEvent, ReviewReasons = [ReasonCodes.EntryBeforeClockStart] };

        return new ReturnWindowCheck
        {
            ClockStart = clockStart,
            Deadline = deadline,
            EndEvent = endEvent,
            Reasons = endEvent > deadline ? [ReasonCodes.ReturnWindowExceeded] : [],
        };
    }

    private static DateOnly? EndEvent(ReturnCaseLine line, bool is1210, ReturnDateBasis basis)
    {
        var entry = basis == ReturnDateBasis.Actual ? line.ReturnEntryDate : line.EffectiveEntryDate;
        if (!is1210 || line.Destination == ReturnDestination.DomesticNonZone)
            return entry;
        // E-06 (b): re-entered goods return when declared out of the area into 境内区外. At screening the entry date
        // stands in provisionally when that date is not planned yet: it is the earliest the goods can get there.
        return basis == ReturnDateBasis.Actual ? line.ReturnIntoNonZoneDate : line.ReturnIntoNonZoneDate ?? entry;
    }
}
