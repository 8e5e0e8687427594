using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.Holds;

/// <summary>
/// Holds and releases (E-21, stage 12). Placing a hold writes, in one transaction, the case's OnHold status with its
/// timeline entry and e-mail, the hold of its flow (<see cref="InstanceHolds"/>: no step, tasks wait, timers stop) and
/// the referral flow whose task a supervisor decides. A release — by that task or by a supervisor's command — puts the
/// case back in the status it had, its flow's timers and task deadlines moved on by the held span. Everything is in the
/// database, so a hold outlives a restart.
/// </summary>
public sealed class CaseHolds(
    WorkflowClient runtime,
    CaseCommandRunner commands,
    TimeProvider clock,
    IOptions<ReturnsOptions> options)
{
    /// <summary>An officer's hold (FRAUD_REFERRAL); a retry with the same idempotency key gets the first answer.</summary>
    public Task PlaceAsync(string caseId, HoldRequest request, string actor, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationIssues.ThrowIfAny(HoldRules.Validate(request));
        return PlaceAsync(caseId, ReasonCodes.FraudReferral, request.Reason!.Trim(), actor, null, idempotencyKey is null ? null : "hold:" + idempotencyKey, ct);
    }

    /// <summary>
    /// Places a hold and opens the referral in one transaction (used by reconciliation too, with DOUBLE_USE_DETECTED);
    /// <paramref name="alsoRecord"/> changes the case in the same transaction before it is held.
    /// </summary>
    public async Task PlaceAsync(string caseId, string code, string reason, string actor, string? certificateNo, string? idempotencyKey, CancellationToken ct,
        Action<CaseSession, DateTimeOffset>? alsoRecord = null, CaseText? reasonText = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await runtime.StartWithAsync(
                    new StartWorkflowRequest(options.Value.ReferralDefinitionId, CorrelationId: caseId, InstanceId: Ids.New()),
                    async (db, instance, token) =>
                    {
                        var session = await CaseSession.LoadAsync(db, caseId, token) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
                        if (HoldRules.CheckPlace(session.Status, session.File.CurrentHold, code) is { } refusal)
                        {
                            throw refusal == ReasonCodes.CaseOnHold ? CaseCommandRunner.OnHold(session)
                                : new ConflictException(refusal, $"Case {caseId} is {session.Status}; it cannot be put on hold.");
                        }
                        var now = clock.GetUtcNow();
                        alsoRecord?.Invoke(session, now);
                        await PlaceInAsync(db, session, code, reason, actor, now, instance.Id, certificateNo, token, reasonText);
                    },
                    idempotencyKey, new { caseId, code, reason }, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A step of the case committed meanwhile: hold what it left.
            }
        }
    }

    /// <summary>A supervisor's release by command; the referral task, if still open, is closed with it.</summary>
    public async Task ReleaseAsync(string caseId, ReleaseRequest request, string actor, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Comment is { Length: > HoldRules.MaxReasonLength })
            ValidationIssues.ThrowIfAny([new ValidationIssue(ReasonCodes.FieldInvalid, "comment", $"A comment has at most {HoldRules.MaxReasonLength} characters.")]);
        string? referral = null;
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            referral = session.File.CurrentHold?.ReferralInstanceId;
            await ReleaseInAsync(db, session, actor, request.Comment, now, ct);
            return null;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:release", request), allowOnHold: true);
        if (referral is null)
            return;
        try
        {
            await runtime.CancelAsync(referral, "release-referral:" + referral, ct);
        }
        catch (ProblemException)
        {
            // Ended already (its task was decided): nothing to close.
        }
    }

    /// <summary>Holds the case in the caller's unit of work.</summary>
    public static async Task PlaceInAsync(WorkflowDbContext db, CaseSession session, string code, string reason, string actor, DateTimeOffset now,
        string? referralInstanceId, string? certificateNo, CancellationToken ct, CaseText? reasonText = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        var hold = new CaseHold
        {
            Code = code, Reason = reason, PlacedBy = actor, PlacedAt = now, PreviousStatus = session.Status, PreviousReasons = session.File.StatusReasons,
            CertificateNo = certificateNo, ReferralInstanceId = referralInstanceId, ReasonText = reasonText,
        };
        session.Update(f => f with { Holds = [.. f.Holds, hold] }, now);
        if (session.Record.WorkflowInstanceId is { } instanceId)
            await InstanceHolds.HoldAsync(db, instanceId, now, ct);
        await session.SetStatusAsync(ReturnCaseStatus.OnHold, now, CaseText.Of("Hold.Placed", reasonText is null ? reason.TrimEnd('.') + "." : CaseText.Nested(reasonText)),
            [code], CaseNotifications.CaseOnHold, actor, ct);
    }

    /// <summary>Releases the standing hold in the caller's unit of work: the case goes back to the status it had.</summary>
    public static async Task ReleaseInAsync(WorkflowDbContext db, CaseSession session, string actor, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        var hold = session.File.CurrentHold ?? throw new ConflictException("CASE_NOT_ON_HOLD", $"Case {session.CaseId} is not on hold.");
        var held = session.Record.WorkflowInstanceId is { } instanceId ? await InstanceHolds.ReleaseAsync(db, instanceId, now, ct) : null;
        var released = hold with { ReleasedBy = actor, ReleasedAt = now, ReleaseComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim() };
        session.Update(f => f with { Holds = f.Holds.Select(h => ReferenceEquals(h, hold) || h == hold ? released : h).ToList() }, now);
        var moved = held is { } span && span > TimeSpan.Zero;
        await session.SetStatusAsync(hold.PreviousStatus, now,
            CaseText.Of(moved ? "Hold.Released.Moved" : "Hold.Released", actor, released.ReleaseComment is { } c ? ": " + c : ""),
            hold.PreviousReasons, CaseNotifications.CaseReleased, actor, ct);
    }
}
