namespace ExportTaxCheck.Returns.Intake;

/// <summary>
/// E-05/E-06 in time, between screening and clearance (A-05: the planned entry date stands in until the goods enter).
/// A line's deadline passes with the goods not returned — no entry date from a declaration or the exporter, for 1210
/// goods that re-entered the area no date they went out into 境内区外 — and the line is ineligible
/// (RETURN_WINDOW_EXCEEDED); a planned date moved past the deadline, or 1210 goods staying in the area
/// (NOT_RETURNED_TO_NON_ZONE), likewise.
/// </summary>
public static class DeadlineRules
{
    /// <summary>
    /// The goods have returned by <paramref name="today"/>: entered (non-1210, or 1210 straight into 境内区外), or for 1210
    /// goods that re-entered the area, declared out into 境内区外. An entry date from a declaration or the exporter's
    /// report is a fact; a planned date counts only if it lay on or before the day it was stated (A-05: it then tells
    /// when the goods entered); a plan for a later day is not a return until it is confirmed.
    /// </summary>
    public static bool HasReturned(ReturnCaseLine line, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(line);
        var stated = line.DatesStatedOn ?? today;
        if (line.Export.SupervisionCode == ReturnWindow.BondedCode && line.Destination == ReturnDestination.SpecialAreaThenDomesticNonZone)
            return line.ReturnIntoNonZoneDate is { } nonZone && nonZone <= stated && nonZone <= today;
        if (line.Destination == ReturnDestination.RemainsInSpecialArea && line.Export.SupervisionCode == ReturnWindow.BondedCode)
            return false;
        return (line.ReturnEntryDate is { } entered && entered <= today)
               || (line.PlannedEntryDate is { } planned && planned <= stated && planned <= today);
    }

    /// <summary>The watched lines whose return window now fails, with the codes.</summary>
    public static IReadOnlyList<(int LineNo, IReadOnlyList<string> Codes)> Rescreen(IEnumerable<ReturnCaseLine> lines, DateOnly today, PolicyTable policies, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(policies);
        var failed = new List<(int, IReadOnlyList<string>)>();
        foreach (var line in lines.Where(Watched))
        {
            if (line.Eligibility?.PolicyVersionId is not { } id || policies.Find(id) is not { } policy)
                continue;
            var window = ReturnWindow.Check(line, policy, ReturnDateBasis.Planned, options);
            if (window.Reasons.Count > 0)
                failed.Add((line.LineNo, window.Reasons));
            else if (window.Deadline is { } deadline && today > deadline && !HasReturned(line, today))
                failed.Add((line.LineNo, [ReasonCodes.ReturnWindowExceeded]));
        }
        return failed;
    }

    /// <summary>The earliest deadline, today or later, of a watched line whose goods have not returned: the watch wakes when it has passed.</summary>
    public static DateOnly? NextDeadline(IEnumerable<ReturnCaseLine> lines, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Where(Watched).Where(l => !HasReturned(l, today) && l.Deadline >= today).Select(l => l.Deadline).Min();
    }

    /// <summary>Lines whose deadline is at most <see cref="ReturnsDomainOptions.DeadlineWarningDays"/> away and whose goods have not returned.</summary>
    public static IReadOnlyList<DeadlineWarning> Warnings(IEnumerable<ReturnCaseLine> lines, DateOnly today, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        return lines.Where(Watched).Where(l => !HasReturned(l, today) && l.Deadline is { } d && d >= today && d.DayNumber - today.DayNumber <= options.DeadlineWarningDays)
            .Select(l => new DeadlineWarning(l.LineNo, l.Deadline!.Value, l.Deadline!.Value.DayNumber - today.DayNumber)).ToList();
    }

    /// <summary>Screened and still in the case (eligible, or waiting for the officer's review), with a deadline.</summary>
    private static bool Watched(ReturnCaseLine line) =>
        line.Eligibility is { Outcome: EligibilityOutcome.Eligible or EligibilityOutcome.NeedsReview, Deadline: not null };
}
