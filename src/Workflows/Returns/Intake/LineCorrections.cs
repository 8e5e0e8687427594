using System.Globalization;
using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.Intake;

/// <summary>
/// The exporter's corrections of a line (§2.5, E-05/E-06, E-11). A quantity is corrected while screening waits for it
/// (the case is CorrectionRequired) and screening runs again; dates may be corrected until clearance, and the deadline
/// watch re-screens the line with them.
/// </summary>
public sealed class LineCorrections(CaseCommandRunner commands, TimeProvider clock)
{
    public Task CorrectAsync(string caseId, int lineNo, LineCorrectionRequest request, CancellationToken ct, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var today = ChinaTime.ToChinaDate(clock.GetUtcNow());
        var issues = new List<ValidationIssue>();
        if (request is { ReturnedQty: null, PlannedEntryDate: null, ReturnEntryDate: null, ReturnIntoNonZoneDate: null, Destination: null })
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "returnedQty", "Name what to correct: returnedQty, plannedEntryDate, returnEntryDate, returnIntoNonZoneDate or destination."));
        if (request.ReturnedQty is { } qty && (qty <= 0 || decimal.Round(qty, 5) != qty))
            issues.Add(new ValidationIssue(ReasonCodes.ReturnedQtyNotPositive, "returnedQty", "The returned quantity must be greater than zero (at most 5 decimals)."));
        if (request.ReturnEntryDate is { } entered && entered > today)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "returnEntryDate", "The goods cannot have entered after today; use plannedEntryDate for a date to come."));
        if (request.Destination is { } destination && !Enum.IsDefined(destination))
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "destination", "Unknown destination."));
        ValidationIssues.ThrowIfAny(issues);

        return commands.RunAsync(caseId, async (db, session, now) =>
        {
            var line = session.Case.Lines.FirstOrDefault(l => l.LineNo == lineNo)
                       ?? throw new NotFoundException($"Case {caseId} has no line {lineNo}.", "LINE_NOT_FOUND");
            var waiting = session.Status == ReturnCaseStatus.CorrectionRequired;
            if (request.ReturnedQty is not null && !waiting)
            {
                throw new ConflictException("WRONG_STATE",
                    $"Case {caseId} is {session.Status}; a quantity is corrected while screening waits for it (after issuance, cancel the certificate with the corrected quantities).");
            }
            if (CaseSession.HasEnded(session.Status) || session.Status is ReturnCaseStatus.ClearedExempt or ReturnCaseStatus.UsageReported or ReturnCaseStatus.ExportDutyRefund)
                throw new ConflictException("CASE_CLOSED", $"Case {caseId} is {session.Status}; its lines can no longer be corrected.");
            ValidationIssues.ThrowIfAny(CheckDates(line, request));

            var changed = new List<string>();
            session.UpdateLine(lineNo, l =>
            {
                var next = l;
                if (request.ReturnedQty is { } returned)
                {
                    next = next with { ReturnedQty = returned };
                    changed.Add("returned quantity " + CrossCheckRules.FormatQty(returned));
                }
                if (request.PlannedEntryDate is { } planned)
                {
                    next = next with { PlannedEntryDate = planned };
                    changed.Add("planned entry " + Date(planned));
                }
                if (request.ReturnEntryDate is { } entered)
                {
                    next = next with { ReturnEntryDate = entered };
                    changed.Add("entered " + Date(entered));
                }
                if (request.Destination is { } destination)
                {
                    next = next with { Destination = destination };
                    changed.Add("destination " + destination);
                }
                if (request.ReturnIntoNonZoneDate is { } nonZone)
                {
                    next = next with { ReturnIntoNonZoneDate = nonZone };
                    changed.Add("into the domestic non-zone area " + Date(nonZone));
                }
                return request is { PlannedEntryDate: null, ReturnIntoNonZoneDate: null } ? next : next with { DatesStatedOn = today };
            }, now);
            if (request.ReturnedQty is { } corrected && (await session.ClaimsAsync(ct)).FirstOrDefault(c => c.LineNo == lineNo) is { } claim)
            {
                claim.ReturnedQty = corrected;
                // Screening counts it again (E-11): the line was set aside while it exceeded the exported quantity.
                claim.Counts = true;
            }
            session.Note("Correction", CaseText.Of("Line.Corrected", lineNo.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", changed)), now, actor: "Exporter");
            return waiting ? CaseEvents.LineCorrected : CaseEvents.DeadlinesChanged;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:line-correction", new { lineNo, request }));
    }

    /// <summary>V-12 and E-06: dates before the clock start are data errors; the non-zone date belongs to 1210 goods only (V-11).</summary>
    private static List<ValidationIssue> CheckDates(ReturnCaseLine line, LineCorrectionRequest request)
    {
        var issues = new List<ValidationIssue>();
        var clockStart = ReturnWindow.ClockStart(line.Export);
        foreach (var (date, field) in new[] { (request.PlannedEntryDate, "plannedEntryDate"), (request.ReturnEntryDate, "returnEntryDate"), (request.ReturnIntoNonZoneDate, "returnIntoNonZoneDate") })
        {
            if (date is { } d && clockStart is { } start && d < start)
                issues.Add(new ValidationIssue(ReasonCodes.EntryBeforeClockStart, field, $"The goods cannot return before they left ({Date(start)})."));
        }
        var is1210 = line.Export.SupervisionCode == ReturnWindow.BondedCode;
        if (!is1210 && (request.ReturnIntoNonZoneDate is not null || request.Destination is not null))
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "returnIntoNonZoneDate", "Only 1210 goods leave a special area into the domestic non-zone area (E-06)."));
        var entry = request.ReturnEntryDate ?? line.ReturnEntryDate ?? request.PlannedEntryDate ?? line.PlannedEntryDate;
        if (request.ReturnIntoNonZoneDate is { } nonZone && entry is { } e && nonZone < e)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "returnIntoNonZoneDate", "Goods leave the area into the domestic non-zone area after they re-enter it."));
        return issues;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
