using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Holds;

/// <summary>
/// Stage 12 (10P): a usage report the registries answered with a conflict. When one certificate was used on paper and
/// electronically (or twice on any channels), the later case goes OnHold with DOUBLE_USE_DETECTED and a supervisor's
/// referral opens; it gets no exemption (a check it matched is recorded Mismatched), and one it already got is flagged
/// for recovery. A use of a certificate tax had cancelled is held the same way as a fraud referral. Handling the same
/// conflict again changes nothing.
/// </summary>
public sealed class DoubleUseReconciliation(IDbContextFactory<WorkflowDbContext> dbFactory, CaseHolds holds, TimeProvider clock)
{
    public const string Actor = "System (reconciliation)";

    public async Task HandleAsync(string reportingCaseId, UsageFeedback report, UsageFeedbackReceipt conflict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(conflict);
        if (conflict.Conflict == ReasonCodes.CertCancelled)
        {
            await HoldAsync(reportingCaseId, report.CertificateNo, report.ReturnDeclarationNo, ReasonCodes.FraudReferral,
                CaseText.Of("HoldReason.CancelledUse", report.CertificateNo, report.ReturnDeclarationNo), ct);
            return;
        }
        if (conflict.OtherDeclarationNo is not { } otherDeclaration)
            return;
        var otherCaseId = await CaseOfDeclarationAsync(report.CertificateNo, otherDeclaration, reportingCaseId, ct) ?? reportingCaseId;
        var reporting = (CaseId: reportingCaseId, Declaration: report.ReturnDeclarationNo, Released: await ReleasedAtAsync(reportingCaseId, report.ReturnDeclarationNo, ct) ?? report.ReleasedAt);
        var other = (CaseId: otherCaseId, Declaration: otherDeclaration, Released: await ReleasedAtAsync(otherCaseId, otherDeclaration, ct));
        var reportingIsLater = HoldRules.IsLater(other.Released, reporting.Released);
        var (later, earlier) = reportingIsLater ? (reporting, other) : (other, reporting);
        await HoldAsync(later.CaseId, report.CertificateNo, later.Declaration, ReasonCodes.DoubleUseDetected,
            CaseText.Of("HoldReason.DoubleUse", report.CertificateNo, earlier.Declaration, earlier.CaseId, later.Declaration, later.CaseId), ct);
    }

    private async Task HoldAsync(string caseId, string certificateNo, string declarationNo, string code, CaseText reason, CancellationToken ct)
    {
        CaseSession? current;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
            current = await CaseSession.LoadAsync(read, caseId, ct);
        if (current is null || current.File.Holds.Any(h => h.Code == code && h.CertificateNo == certificateNo))
            return;
        void Record(CaseSession session, DateTimeOffset now) => RecordConflict(session, certificateNo, declarationNo, code, reason, now);
        if (current.File.CurrentHold is null)
        {
            try
            {
                await holds.PlaceAsync(caseId, code, reason.In(DisplayTexts.English), Actor, certificateNo, "reconcile:" + code + ":" + certificateNo + ":" + caseId, ct, Record, reason);
                return;
            }
            catch (ConflictException ex) when (ex.Code == ReasonCodes.CaseOnHold)
            {
                // Held meanwhile (an officer's referral): the conflict is still recorded on it below.
            }
        }
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var session = await CaseSession.LoadAsync(db, caseId, ct);
            if (session is null)
                return;
            Record(session, clock.GetUtcNow());
            session.Note("Hold", CaseText.Of("Hold.AlreadyHeld", CaseText.Nested(reason)), clock.GetUtcNow(), [code], actor: Actor);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Changed meanwhile: record it on what was written.
            }
        }
    }

    /// <summary>No exemption on this use: one granted is flagged for recovery, a match not released yet no longer counts (E-16).</summary>
    private static void RecordConflict(CaseSession session, string certificateNo, string declarationNo, string code, CaseText reason, DateTimeOffset now)
    {
        if (session.File.Clearance is { } clearance && session.Status is ReturnCaseStatus.ClearedExempt or ReturnCaseStatus.UsageReported
                or ReturnCaseStatus.ExportDutyRefund or ReturnCaseStatus.Closed)
        {
            if (session.File.Recovery?.CertificateNo == certificateNo)
                return;
            var amount = clearance.TotalExempted + clearance.ExportDutyRefund;
            session.Update(f => f with { Recovery = new RecoveryFlag { Code = code, CertificateNo = certificateNo, Amount = amount, FlaggedAt = now, Reason = reason.In(DisplayTexts.English), ReasonText = reason } }, now);
            session.Note("Recovery", CaseText.Of("Recovery.Flagged", CaseText.Nested(reason), CaseText.Money(amount)), now,
                [code, ReasonCodes.RecoveryDue], actor: Actor);
        }
        else if (session.File.Declarations.FirstOrDefault(d => d.ReturnDeclarationNo == declarationNo && d.CertificateNo == certificateNo) is { } declaration)
        {
            session.Update(f => f with
            {
                CrossChecks = [.. f.CrossChecks, new CrossCheckResult
                {
                    CheckId = Guid.CreateVersion7(), CertificateNo = certificateNo, ReturnDeclarationNo = declaration.ReturnDeclarationNo, CheckedAt = now,
                    Result = CrossCheckOutcome.Mismatched, Reasons = [new CrossCheckReason(ReasonCodes.CertAlreadyUsed, null, null, null), new CrossCheckReason(code, null, null, null)],
                }],
            }, now);
        }
    }

    /// <summary>When a case released the declaration (its clearance decision); null when it has not (only reserved).</summary>
    private async Task<DateTimeOffset?> ReleasedAtAsync(string caseId, string declarationNo, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await CaseSession.LoadAsync(db, caseId, ct);
        return session?.File is { Clearance.DecidedAt: { } decided } file && file.Declarations.Any(d => d.ReturnDeclarationNo == declarationNo) ? decided : null;
    }

    /// <summary>The case that filed the declaration with the certificate: its usage report, else any case holding the declaration.</summary>
    private async Task<string?> CaseOfDeclarationAsync(string certificateNo, string declarationNo, string exceptCaseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reported = await db.Set<UsageFeedbackRecord>().AsNoTracking()
            .Where(f => f.CertificateNo == certificateNo && f.ReturnDeclarationNo == declarationNo).Select(f => f.CaseId).FirstOrDefaultAsync(ct);
        if (reported is not null)
            return reported;
        // Reserved, not released yet: the declaration is in the case's file only (a rare search, on conflicts alone).
        var candidates = await db.Set<ReturnCaseRecord>().AsNoTracking().Where(c => c.Id != exceptCaseId && c.Data.Contains(declarationNo)).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var session = await CaseSession.LoadAsync(db, id, ct);
            if (session!.File.Declarations.Any(d => d.ReturnDeclarationNo == declarationNo && d.CertificateNo == certificateNo))
                return id;
        }
        return null;
    }
}
