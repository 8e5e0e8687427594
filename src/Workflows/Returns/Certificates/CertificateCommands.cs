using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// The exporter's cancellation (作废) and reissue (补办) of a certificate, E-19. Tax may grant them only for a certificate
/// customs has neither reserved nor used, and only customs knows that for sure: a transmitted certificate is cancelled at
/// customs first (synchronously; customs unreachable is a 503 with nothing written), then in the tax registry, so the
/// two registries never hold a certificate one side thinks usable and the other cancelled.
/// </summary>
public sealed class CertificateCommands(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    CaseCommandRunner commands,
    TimeProvider clock,
    ICustomsGateway gateway,
    UsageFeedbackDispatcher usage)
{
    public async Task CancelAsync(string caseId, string certificateNo, CancelCertificateRequest request, CancellationToken ct, string? idempotencyKey = null)
    {
        await DeliverQueuedReportsAsync(certificateNo, ct);
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            // The flow hears a cancellation where it waits for a declaration, a correction or a paper certificate; an ended case
            // only frees its certificate (AS-12).
            if (!CaseSession.HasEnded(session.Status) && session.Status is not (ReturnCaseStatus.CertificateIssued or ReturnCaseStatus.Mismatched or ReturnCaseStatus.CheckUnavailable))
                throw new ConflictException("WRONG_STATE", $"Case {caseId} is {session.Status}; a certificate is cancelled while the case waits for a declaration, a correction or a paper certificate.");
            var store = new CertificateStore(db);
            var registry = await store.LoadForCaseAsync(caseId, ct);
            var certificate = registry.Find(certificateNo);
            if (certificate is null || !store.OfCase(registry, caseId).Any(c => c.CertificateNo == certificateNo))
                throw new NotFoundException($"Case {caseId} has no certificate {certificateNo}.", ReasonCodes.CertNotFound);
            if (certificate.CheckCancelOrReissue() is { } refusal)
                throw new ConflictException(refusal, $"Certificate {certificateNo} cannot be cancelled: {refusal}.");
            await CancelAtCustomsAsync(db, certificate, caseId, now, ct);
            var result = registry.Cancel(certificateNo);
            if (!result.Succeeded)
                throw new ConflictException(result.RefusalCode!, $"Certificate {certificateNo} cannot be cancelled: {result.RefusalCode}.");
            store.Save(result.Registry, caseId, now);

            if (request.CorrectedQuantities is { Count: > 0 } corrections)
                await CorrectQuantitiesAsync(session, corrections, now, ct);
            session.Update(f => f with
            {
                Declarations = f.Declarations.Where(d => d.CertificateNo != certificateNo).ToList(),
                UncheckedDeclarations = f.UncheckedDeclarations.Where(c => c != certificateNo).ToList(),
            }, now);
            session.Note("Certificate", CaseText.Of("Certificate.Cancelled", certificateNo, request.Reason is { Length: > 0 } r ? ": " + r : ""), now, actor: "Exporter");
            return CaseEvents.CertificateCancelled;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:certificate-cancel", new { certificateNo, request }));
    }

    public async Task<string> ReissueAsync(string caseId, string certificateNo, ReissueCertificateRequest request, CancellationToken ct)
    {
        string? replacement = null;
        await DeliverQueuedReportsAsync(certificateNo, ct);
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            var store = new CertificateStore(db);
            var registry = await store.LoadForCaseAsync(caseId, ct);
            if (registry.Find(certificateNo) is not { } original || !store.OfCase(registry, caseId).Any(c => c.CertificateNo == certificateNo))
                throw new NotFoundException($"Case {caseId} has no certificate {certificateNo}.", ReasonCodes.CertNotFound);
            if (original.CheckCancelOrReissue() is { } refusal)
                throw new ConflictException(refusal, $"Certificate {certificateNo} cannot be reissued: {refusal}.");
            await CancelAtCustomsAsync(db, original, caseId, now, ct);
            var today = ChinaTime.ToChinaDate(now);
            var number = await Sequences.NextCertificateNoAsync(db, original.IssuingTaxAuthorityCode, today, ct);
            var result = registry.Reissue(certificateNo, Guid.CreateVersion7(), number, today, now);
            if (!result.Succeeded)
                throw new ConflictException(result.RefusalCode!, $"Certificate {certificateNo} cannot be reissued: {result.RefusalCode}.");
            store.Save(result.Registry, caseId, now);
            replacement = number;
            session.Note("Certificate", CaseText.Of("Certificate.Reissued", certificateNo, number, request.Reason is { Length: > 0 } r ? ": " + r : ""), now, actor: "Exporter");
            return null;
        }, ct);
        await TransmitReplacementAsync(caseId, replacement!, ct);
        return replacement!;
    }

    /// <summary>
    /// E-19 at customs. A transmitted certificate (or one whose transmission failed, which customs may still have received)
    /// is cancelled there first; a refusal (reserved, used) refuses the command. The delivered update is recorded.
    /// </summary>
    private async Task CancelAtCustomsAsync(WorkflowDbContext db, Certificate certificate, string caseId, DateTimeOffset now, CancellationToken ct)
    {
        var update = await CertificateStatusPush.BuildAsync(db, certificate, StatusUpdateKind.Cancellation, now, ct);
        StatusUpdateAck ack;
        try
        {
            ack = await gateway.SendStatusUpdateAsync(update, ct);
        }
        catch (CustomsUnavailableException ex)
        {
            throw new CustomsUnavailableProblem($"Customs could not be asked whether certificate {certificate.CertificateNo} is still unused ({ex.Cause}); try the cancellation again later.");
        }
        catch (CustomsRejectedException ex)
        {
            throw new ConflictException(ex.Reason, $"Customs refused the cancellation of certificate {certificate.CertificateNo}: {ex.Message}");
        }
        if (!ack.Accepted)
            throw new ConflictException(ack.Code ?? ReasonCodes.CertInvalidTransition, $"Customs holds certificate {certificate.CertificateNo} as {ack.Status}: it cannot be cancelled ({ack.Code}).");
        db.Add(new CertificateStatusUpdateRecord
        {
            Id = update.MessageId.ToString("N"), CertificateNo = update.CertificateNo, CaseId = caseId, Sequence = update.Sequence, Kind = update.Kind,
            Status = StatusUpdateDelivery.Delivered, Attempts = 1, CreatedAt = now, NextAttemptAt = now, DeliveredAt = clock.GetUtcNow(),
            Data = ReturnsJson.Serialize(update), Ack = ReturnsJson.Serialize(ack),
        });
    }

    /// <summary>
    /// A reservation the port released (AS-12) reaches customs by a queued report; customs must have it before it is asked
    /// to cancel. Sent before the command opens its unit of work: the sending takes a connection of its own.
    /// </summary>
    private Task DeliverQueuedReportsAsync(string certificateNo, CancellationToken ct) => usage.DeliverPendingAsync(certificateNo, ct);

    private static async Task CorrectQuantitiesAsync(CaseSession session, List<LineQuantity> corrections, DateTimeOffset now, CancellationToken ct)
    {
        var issues = new List<ValidationIssue>();
        var claims = await session.ClaimsAsync(ct);
        foreach (var correction in corrections)
        {
            var line = session.Case.Lines.FirstOrDefault(l => l.LineNo == correction.LineNo);
            if (line is null)
            {
                issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "correctedQuantities", $"Line {correction.LineNo} is not part of the case."));
                continue;
            }
            if (correction.Qty <= 0)
                issues.Add(new ValidationIssue(ReasonCodes.ReturnedQtyNotPositive, "correctedQuantities", "A returned quantity must be greater than zero."));
            else if (correction.Qty > line.ReturnedQty)
                issues.Add(new ValidationIssue(ReasonCodes.QtyExceedsExported, "correctedQuantities", $"Line {line.LineNo}: a correction can only lower the quantity (was {CrossCheckRules.FormatQty(line.ReturnedQty)})."));
            else
            {
                session.UpdateLine(line.LineNo, l => l with { ReturnedQty = correction.Qty }, now);
                if (claims.FirstOrDefault(c => c.LineNo == line.LineNo) is { } claim)
                    claim.ReturnedQty = correction.Qty;
            }
        }
        ValidationIssues.ThrowIfAny(issues);
    }

    private async Task TransmitReplacementAsync(string caseId, string certificateNo, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var store = new CertificateStore(db);
        var (registry, certificate) = await store.LoadByNumberAsync(certificateNo, ct);
        if (certificate is null)
            return;
        var session = await CaseSession.LoadAsync(db, caseId, ct);
        var refund = await ReferenceData.RefundStatusesAsync(db, certificate.ExportDocNo, certificate.Lines.Select(l => l.ExportItemNo), ct);
        var now = clock.GetUtcNow();
        var transmission = new CertificateTransmission { MessageId = Guid.CreateVersion7(), CertificateNo = certificateNo, SentAt = now };
        try
        {
            var ack = await gateway.TransmitAsync(new CertificateMessage(transmission.MessageId, certificate, refund), ct);
            registry = registry.MarkTransmitted(certificateNo, ack.AckAt ?? now).Registry;
            transmission = transmission with { AckAt = ack.AckAt ?? now, AckStatus = AckStatus.Ack, Status = TransmissionStatus.Delivered };
        }
        catch (Exception ex) when (ex is CustomsUnavailableException or CustomsRejectedException)
        {
            transmission = transmission with { Status = ex is CustomsRejectedException ? TransmissionStatus.FailedValidation : TransmissionStatus.FailedInfrastructure, NackReason = ex.Message };
        }
        store.Save(registry, caseId, now);
        session!.Update(f => f with { Transmissions = [.. f.Transmissions, transmission] }, now);
        await db.SaveChangesAsync(ct);
    }
}
