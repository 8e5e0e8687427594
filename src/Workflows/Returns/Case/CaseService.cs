using System.Globalization;
using System.Security.Cryptography;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// The exporter's and officers' commands on a case outside the workflow's own steps. Each command writes its rows
/// in one transaction and hands the waiting flow an event; a rejected command writes nothing.
/// </summary>
public sealed class CaseService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowClient runtime,
    RuntimeSweeps sweeps,
    TimeProvider clock,
    ReturnsDomainOptions domain,
    IOptions<ReturnsOptions> options,
    ICustomsGateway gateway)
{
    public async Task<string> CreateAsync(CreateCaseRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var issues = CaseValidation.ValidateRequest(request, domain, options.Value.MaxDocumentBytes, Today());
        ThrowIfAny(issues);

        var now = clock.GetUtcNow();
        var lines = new List<ReturnCaseLine>();
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            var enriched = await CaseValidation.EnrichAsync(read, request, domain, issues, ct);
            ThrowIfAny(issues);
            lines.AddRange(enriched);
        }

        var result = await runtime.StartWithAsync(
            new StartWorkflowRequest(options.Value.WorkflowDefinitionId, InstanceId: Ids.New()),
            async (db, instance, token) =>
            {
                var year = ChinaTime.ToChinaDate(now).Year;
                var sequence = await Sequences.NextAsync(db, "case:" + year.ToString(CultureInfo.InvariantCulture), token);
                var caseId = string.Create(CultureInfo.InvariantCulture, $"RC-{year:0000}-{sequence:000000}");
                var (documents, files) = BuildDocuments(request.Documents ?? [], caseId, now, db);
                var file = new CaseFile
                {
                    Case = new ReturnCase
                    {
                        CaseId = caseId,
                        ExporterUscc = request.ExporterUscc!,
                        ExporterCustomsCode = request.ExporterCustomsCode!,
                        ExporterName = request.ExporterName!,
                        EnterpriseType = request.EnterpriseType,
                        IsEntrustedExport = request.IsEntrustedExport,
                        AgentUscc = request.AgentUscc,
                        CompetentTaxAuthorityCode = request.CompetentTaxAuthorityCode!,
                        ContactEmail = string.IsNullOrWhiteSpace(request.ContactEmail) ? null : request.ContactEmail.Trim(),
                        Status = ReturnCaseStatus.Submitted,
                        AttestationAccepted = request.AttestationAccepted,
                        AttestedAt = now,
                        CreatedAt = now,
                        SubmittedAt = now,
                        Lines = lines,
                    },
                    Documents = documents,
                    Files = files,
                    DomesticTaxCollectedAtExport = false,
                    Timeline = [new CaseEvent { At = now, Kind = "Status", Status = ReturnCaseStatus.Submitted, Message = "The return request was received.", Notification = CaseNotifications.CaseReceived, Actor = "Exporter" }],
                };
                var session = CaseSession.Create(db, file, now);
                session.Record.WorkflowInstanceId = instance.Id;
                instance.CorrelationId = caseId;
                foreach (var line in lines)
                {
                    db.Add(new ReturnLineClaimRecord
                    {
                        CaseId = caseId, LineNo = line.LineNo, ExportDocNo = line.Export.ExportReference, ExportItemNo = line.Export.ItemNo,
                        ReturnedQty = line.ReturnedQty, CreatedAt = now,
                    });
                }
            },
            idempotencyKey is null ? null : "case:" + idempotencyKey,
            request,
            ct);
        // The case id is drawn inside the step; the instance carries it as its correlation id.
        return result.CorrelationId ?? throw new InvalidOperationException("The case start returned no case id.");
    }

    public async Task<Guid> AddDocumentAsync(string caseId, DocumentRequest metadata, UploadedFile? upload, CancellationToken ct)
    {
        var issues = new List<ValidationIssue>();
        var session0 = await LoadReadOnlyAsync(caseId, ct);
        CaseValidation.ValidateDocument(metadata, "document.", session0.Case.Lines.Select(l => l.LineNo).ToHashSet(), options.Value.MaxDocumentBytes, Today(), issues, upload);
        ThrowIfAny(issues);
        if (!CaseSession.IsWithdrawable(session0.Status))
            throw new ConflictException("CASE_CLOSED", $"Case {caseId} is {session0.Status}; no more evidence can be added.");

        var docId = Guid.Empty;
        await CommandAsync(caseId, async (db, session, now) =>
        {
            var (documents, files) = BuildDocuments([metadata], caseId, now, db, upload);
            docId = documents[0].DocId;
            session.Update(f => f with { Documents = [.. f.Documents, .. documents], Files = [.. f.Files, .. files] }, now);
            session.Note("Evidence", $"{documents[0].Type} uploaded.", now, actor: "Exporter");
            await Task.CompletedTask;
            return CaseEvents.EvidenceUploaded;
        }, ct);
        return docId;
    }

    public Task DecideDocumentAsync(string caseId, Guid docId, bool accepted, string actor, CancellationToken ct, string? idempotencyKey = null) =>
        CommandAsync(caseId, async (db, session, now) =>
        {
            var document = session.File.Documents.FirstOrDefault(d => d.DocId == docId)
                           ?? throw new NotFoundException($"Case {caseId} has no document {docId}.", "DOCUMENT_NOT_FOUND");
            if (document.Type != EvidenceType.OtherReturnEvidence)
                throw new ConflictException("DOCUMENT_NEEDS_NO_DECISION", "Only other return evidence needs an officer's acceptance (E-09).");
            session.Update(f => f with { Documents = f.Documents.Select(d => d.DocId == docId ? d with { OfficerAccepted = accepted } : d).ToList() }, now);
            session.Note("Evidence", $"Other return evidence {(accepted ? "accepted" : "not accepted")} by the officer.", now, actor: actor);
            await Task.CompletedTask;
            return CaseEvents.EvidenceUploaded;
        }, ct, KeyOf(idempotencyKey, "case:document-decision", new { docId, accepted }));

    public async Task WithdrawAsync(string caseId, string? idempotencyKey, CancellationToken ct)
    {
        var session = await LoadReadOnlyAsync(caseId, ct);
        if (session.Status == ReturnCaseStatus.Withdrawn)
            return;
        if (!CaseSession.IsWithdrawable(session.Status))
            throw new ConflictException("CASE_NOT_WITHDRAWABLE", $"Case {caseId} is {session.Status}; a case can be withdrawn only before it is cleared.");
        var result = await runtime.TriggerEventAsync(CaseEvents.CaseWithdrawn, caseId, null, null, "withdraw:" + (idempotencyKey ?? caseId), ct);
        if (result.Resumed.Count == 0 && !result.Replayed)
            throw new ConflictException("CASE_NOT_WAITING", $"The flow of case {caseId} is not waiting for a withdrawal.");
    }

    public async Task FileDeclarationAsync(string caseId, ReturnDeclaration declaration, CancellationToken ct, string? idempotencyKey = null)
    {
        ThrowIfAny(ReturnDeclarationValidator.Validate(declaration, domain).ToList());
        await CommandAsync(caseId, async (db, session, now) =>
        {
            if (session.Status is not (ReturnCaseStatus.CertificateIssued or ReturnCaseStatus.ReturnDeclared or ReturnCaseStatus.Mismatched))
                throw new ConflictException("WRONG_STATE", $"Case {caseId} is {session.Status}; a return declaration is filed once the certificate is issued, or to correct a mismatch.");
            var registry = await new CertificateStore(db).LoadForCaseAsync(caseId, ct);
            if (registry.Find(declaration.CertificateNo) is not { } certificate || !session.File.ActiveLines.Any(l => l.Export.ExportReference == certificate.ExportDocNo))
                throw new ConflictException(ReasonCodes.CertNotFound, $"Certificate {declaration.CertificateNo} does not belong to case {caseId}.");
            if (certificate.Status is not (CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved))
                throw new ConflictException(certificate.Status == CertificateStatus.Used ? ReasonCodes.CertAlreadyUsed : ReasonCodes.CertCancelled,
                    $"Certificate {declaration.CertificateNo} is {certificate.Status}.");
            session.Update(f => f with
            {
                Declarations = [.. f.Declarations.Where(d => d.ReturnDeclarationNo != declaration.ReturnDeclarationNo), declaration],
                UncheckedDeclarations = [.. f.UncheckedDeclarations.Where(c => c != declaration.CertificateNo), declaration.CertificateNo],
            }, now);
            await session.SetStatusAsync(ReturnCaseStatus.ReturnDeclared, now, $"Return declaration {declaration.ReturnDeclarationNo} filed with certificate {declaration.CertificateNo}.",
                actor: "Exporter", ct: ct);
            return CaseEvents.ReturnDeclarationFiled;
        }, ct, KeyOf(idempotencyKey, "case:return-declaration", declaration));
    }

    public Task CancelCertificateAsync(string caseId, string certificateNo, CancelCertificateRequest request, CancellationToken ct, string? idempotencyKey = null) =>
        CommandAsync(caseId, async (db, session, now) =>
        {
            var store = new CertificateStore(db);
            var registry = await store.LoadForCaseAsync(caseId, ct);
            if (registry.Find(certificateNo) is null || !store.OfCase(registry, caseId).Any(c => c.CertificateNo == certificateNo))
                throw new NotFoundException($"Case {caseId} has no certificate {certificateNo}.", ReasonCodes.CertNotFound);
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
            session.Note("Certificate", $"Certificate {certificateNo} cancelled at the exporter's request{(request.Reason is { Length: > 0 } r ? ": " + r : "")}.", now, actor: "Exporter");
            return CaseEvents.CertificateCancelled;
        }, ct, KeyOf(idempotencyKey, "case:certificate-cancel", new { certificateNo, request }));

    public async Task<string> ReissueCertificateAsync(string caseId, string certificateNo, ReissueCertificateRequest request, CancellationToken ct)
    {
        string? replacement = null;
        await CommandAsync(caseId, async (db, session, now) =>
        {
            var store = new CertificateStore(db);
            var registry = await store.LoadForCaseAsync(caseId, ct);
            if (registry.Find(certificateNo) is not { } original || !store.OfCase(registry, caseId).Any(c => c.CertificateNo == certificateNo))
                throw new NotFoundException($"Case {caseId} has no certificate {certificateNo}.", ReasonCodes.CertNotFound);
            if (original.CheckCancelOrReissue() is { } refusal)
                throw new ConflictException(refusal, $"Certificate {certificateNo} cannot be reissued: {refusal}.");
            var today = ChinaTime.ToChinaDate(now);
            var number = await Sequences.NextCertificateNoAsync(db, original.IssuingTaxAuthorityCode, today, ct);
            var result = registry.Reissue(certificateNo, Guid.CreateVersion7(), number, today, now);
            if (!result.Succeeded)
                throw new ConflictException(result.RefusalCode!, $"Certificate {certificateNo} cannot be reissued: {result.RefusalCode}.");
            store.Save(result.Registry, caseId, now);
            replacement = number;
            session.Note("Certificate", $"Certificate {certificateNo} reissued as {number}{(request.Reason is { Length: > 0 } r ? ": " + r : "")}.", now, actor: "Exporter");
            return null;
        }, ct);
        await TransmitReplacementAsync(caseId, replacement!, ct);
        return replacement!;
    }

    public async Task SubmitPaperCertificateAsync(string caseId, PaperCertificateRequest request, CancellationToken ct, string? idempotencyKey = null)
    {
        if (string.IsNullOrWhiteSpace(request.CertificateNo))
            ThrowIfAny([new ValidationIssue(ReasonCodes.FieldInvalid, "certificateNo", "The certificate number is required.")]);
        await CommandAsync(caseId, async (db, session, now) =>
        {
            var number = request.CertificateNo!;
            var last = session.File.LastCheckOf(number);
            var failedInfrastructure = session.File.Transmissions.LastOrDefault(t => t.CertificateNo == number)?.Status == TransmissionStatus.FailedInfrastructure;
            // E-18: paper only after Unavailable with an infrastructure cause, or a transmission that failed for one.
            if (CrossCheckRules.CheckPaperAllowed(last, failedInfrastructure) is { } refusal || session.Status != ReturnCaseStatus.CheckUnavailable)
                throw new ConflictException(ReasonCodes.PaperNotPermitted, "A paper certificate is accepted only when the online cross-check is unavailable because of a system or network failure (E-18).");
            session.Update(f => f with { PaperSubmissions = [.. f.PaperSubmissions.Where(p => p != number), number] }, now);
            session.Note("Paper", $"Paper certificate {number} submitted.", now, actor: "Exporter");
            await Task.CompletedTask;
            return CaseEvents.PaperCertificateSubmitted;
        }, ct, KeyOf(idempotencyKey, "case:paper-certificate", request));
    }

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
        ThrowIfAny(issues);
    }

    private async Task TransmitReplacementAsync(string caseId, string certificateNo, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var store = new CertificateStore(db);
        var (registry, certificate) = await store.LoadByNumberAsync(certificateNo, ct);
        if (certificate is null)
            return;
        var session = await CaseSession.LoadAsync(db, caseId, ct);
        var refund = session!.File.RefundStatusOf(certificate.ExportDocNo);
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
        session.Update(f => f with { Transmissions = [.. f.Transmissions, transmission] }, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Runs a command on a case in one transaction (with the event for the flow as a pending event in it), then
    /// delivers that event. A concurrent workflow step on the same case makes the command retry on fresh data.
    /// </summary>
    /// <summary>
    /// Runs an exporter's or officer's command on a case: the case rows, the event it raises for the flow and, with
    /// <paramref name="idempotency"/>, the command's key commit together. A key that already committed does nothing
    /// again (the flow has or will have heard the event once).
    /// </summary>
    private async Task CommandAsync(string caseId, Func<WorkflowDbContext, CaseSession, DateTimeOffset, Task<string?>> command, CancellationToken ct,
        CommandKey? idempotency = null)
    {
        var requestHash = idempotency is null ? null : IdempotencyKeys.Hash(new { idempotency.Operation, caseId, idempotency.Request });
        if (idempotency is not null)
            IdempotencyKeys.Validate(idempotency.Key);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (idempotency is not null && await IdempotencyKeys.FindAsync(db, idempotency.Key, idempotency.Operation, requestHash!, ct) is { } done)
            {
                // The first try committed; if it died before the flow heard its event, the retry delivers it now.
                if (System.Text.Json.Nodes.JsonNode.Parse(done.Response)?["pendingEventId"]?.GetValue<string>() is { } pendingId)
                    await sweeps.DeliverPendingEventAsync(pendingId, ct);
                return;
            }
            var session = await CaseSession.LoadAsync(db, caseId, ct) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
            var now = clock.GetUtcNow();
            var eventName = await command(db, session, now);
            PendingEventRecord? pending = null;
            if (eventName is not null)
            {
                pending = new PendingEventRecord { Id = Ids.New(), EventName = eventName, CorrelationId = caseId, CreatedAt = now };
                db.PendingEvents.Add(pending);
            }
            if (idempotency is not null)
                db.IdempotencyKeys.Add(IdempotencyKeys.Record(idempotency.Key, idempotency.Operation, requestHash!, new { caseId, pendingEventId = pending?.Id }, now));
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                continue;
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && idempotency is not null && IdempotencyKeys.IsDuplicateKey(ex))
            {
                // The same command with the same key committed in another process a moment ago: the next pass finds it.
                continue;
            }
            if (pending is not null)
                await sweeps.DeliverPendingEventAsync(pending.Id, ct);
            return;
        }
    }

    /// <summary>The idempotency key of a case command, with what a retry must repeat.</summary>
    private sealed record CommandKey(string Key, string Operation, object Request);

    private static CommandKey? KeyOf(string? idempotencyKey, string operation, object request) =>
        idempotencyKey is null ? null : new CommandKey(idempotencyKey, operation, request);

    private async Task<CaseSession> LoadReadOnlyAsync(string caseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CaseSession.LoadAsync(db, caseId, ct) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
    }

    private static (List<EvidenceDocument> Documents, List<DocumentFile> Files) BuildDocuments(IEnumerable<DocumentRequest> requests, string caseId, DateTimeOffset now,
        WorkflowDbContext db, UploadedFile? upload = null)
    {
        var documents = new List<EvidenceDocument>();
        var files = new List<DocumentFile>();
        foreach (var request in requests)
        {
            var docId = Guid.CreateVersion7();
            var bytes = upload?.Content ?? (request.ContentBase64 is { Length: > 0 } b64 ? Convert.FromBase64String(b64) : []);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            documents.Add(new EvidenceDocument
            {
                DocId = docId,
                Type = request.Type!.Value,
                CoversLines = request.CoversLines ?? [],
                ExportReferences = request.ExportReferences ?? [],
                StatedQuantities = request.StatedQuantities ?? [],
                Platform = request.Platform,
                PlatformOrderNo = request.PlatformOrderNo,
                IssuedOn = request.IssuedOn,
                SignedBy = request.SignedBy,
                Sha256 = sha,
            });
            if (bytes.Length == 0)
                continue;
            var fileName = upload?.FileName ?? request.FileName ?? $"{request.Type}.bin";
            // Stored under the type its bytes show (validation refused anything else), never the one the client sent.
            var contentType = EvidenceFileTypes.Detect(bytes) ?? EvidenceFileTypes.Binary;
            files.Add(new DocumentFile(docId, fileName, contentType, bytes.Length, sha, now));
            db.Add(new EvidenceFileRecord
            {
                Id = docId.ToString("N"), CaseId = caseId, FileName = fileName, ContentType = contentType, Size = bytes.Length, Sha256 = sha, Content = bytes, UploadedAt = now,
            });
        }
        return (documents, files);
    }

    private DateOnly Today() => ChinaTime.ToChinaDate(clock.GetUtcNow());

    private static void ThrowIfAny(IReadOnlyCollection<ValidationIssue> issues)
    {
        if (issues.Count == 0)
            return;
        var errors = issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => $"{i.Code}: {i.Message}").ToArray());
        var first = issues.First();
        var exception = new InvalidRequestException(first.Code, string.Join(" ", issues.Select(i => $"{i.Code} ({i.Field}): {i.Message}")), errors);
        exception.Extensions["codes"] = issues.Select(i => i.Code).Distinct().ToArray();
        throw exception;
    }
}
