using System.Globalization;
using System.Security.Cryptography;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// The exporter's and officers' commands on a case outside the workflow's own steps (certificate commands are in
/// <see cref="CertificateCommands"/>, line corrections in <see cref="LineCorrections"/>). Each command writes its rows in
/// one transaction and hands the waiting flow an event; a rejected command writes nothing.
/// </summary>
public sealed class CaseService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowClient runtime,
    CaseCommandRunner commands,
    TimeProvider clock,
    ReturnsDomainOptions domain,
    IOptions<ReturnsOptions> options)
{
    private static readonly CaseText Received = CaseText.Of("Received");

    public async Task<string> CreateAsync(CreateCaseRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var issues = CaseValidation.ValidateRequest(request, domain, options.Value.MaxDocumentBytes, Today());
        ValidationIssues.ThrowIfAny(issues);

        var now = clock.GetUtcNow();
        var lines = new List<ReturnCaseLine>();
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
        {
            var enriched = await CaseValidation.EnrichAsync(read, request, domain, issues, ct);
            ValidationIssues.ThrowIfAny(issues);
            lines.AddRange(enriched.Select(l => l with { DatesStatedOn = Today() }));
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
                    Timeline = [new CaseEvent
                    {
                        At = now, Kind = "Status", Status = ReturnCaseStatus.Submitted, Message = Received.In(DisplayTexts.English), Text = Received.Key,
                        Notification = CaseNotifications.CaseReceived, Actor = "Exporter",
                    }],
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
        ValidationIssues.ThrowIfAny(issues);
        if (session0.Status == ReturnCaseStatus.OnHold)
            throw CaseCommandRunner.OnHold(session0);
        if (!CaseSession.IsWithdrawable(session0.Status))
            throw new ConflictException("CASE_CLOSED", $"Case {caseId} is {session0.Status}; no more evidence can be added.");

        var docId = Guid.Empty;
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            var (documents, files) = BuildDocuments([metadata], caseId, now, db, upload);
            docId = documents[0].DocId;
            session.Update(f => f with { Documents = [.. f.Documents, .. documents], Files = [.. f.Files, .. files] }, now);
            session.Note("Evidence", CaseText.Of("Evidence.Uploaded", CaseText.Word(documents[0].Type)), now, actor: "Exporter");
            await Task.CompletedTask;
            return CaseEvents.EvidenceUploaded;
        }, ct);
        return docId;
    }

    public Task DecideDocumentAsync(string caseId, Guid docId, bool accepted, string actor, CancellationToken ct, string? idempotencyKey = null) =>
        commands.RunAsync(caseId, async (db, session, now) =>
        {
            var document = session.File.Documents.FirstOrDefault(d => d.DocId == docId)
                           ?? throw new NotFoundException($"Case {caseId} has no document {docId}.", "DOCUMENT_NOT_FOUND");
            if (document.Type != EvidenceType.OtherReturnEvidence)
                throw new ConflictException("DOCUMENT_NEEDS_NO_DECISION", "Only other return evidence needs an officer's acceptance (E-09).");
            session.Update(f => f with { Documents = f.Documents.Select(d => d.DocId == docId ? d with { OfficerAccepted = accepted } : d).ToList() }, now);
            session.Note("Evidence", CaseText.Of(accepted ? "Evidence.OtherAccepted" : "Evidence.OtherNotAccepted"), now, actor: actor);
            await Task.CompletedTask;
            return CaseEvents.EvidenceUploaded;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:document-decision", new { docId, accepted }));

    public async Task WithdrawAsync(string caseId, string? idempotencyKey, CancellationToken ct)
    {
        var session = await LoadReadOnlyAsync(caseId, ct);
        if (session.Status == ReturnCaseStatus.Withdrawn)
            return;
        if (session.Status == ReturnCaseStatus.OnHold)
            throw CaseCommandRunner.OnHold(session);
        if (!CaseSession.IsWithdrawable(session.Status))
            throw new ConflictException("CASE_NOT_WITHDRAWABLE", $"Case {caseId} is {session.Status}; a case can be withdrawn only before it is cleared.");
        var result = await runtime.TriggerEventAsync(CaseEvents.CaseWithdrawn, caseId, null, null, "withdraw:" + (idempotencyKey ?? caseId), ct);
        if (result.Resumed.Count == 0 && !result.Replayed)
            throw new ConflictException("CASE_NOT_WAITING", $"The flow of case {caseId} is not waiting for a withdrawal.");
    }

    /// <summary>
    /// Stage 9. Only a malformed declaration is refused here: one presenting an unknown, cancelled, used or otherwise bound
    /// certificate is filed and goes to the cross-check, which records the Mismatched result on the case.
    /// The entry date it carries is the lines' actual entry.
    /// </summary>
    public async Task FileDeclarationAsync(string caseId, ReturnDeclaration declaration, CancellationToken ct, string? idempotencyKey = null)
    {
        ValidationIssues.ThrowIfAny(ReturnDeclarationValidator.Validate(declaration, domain).ToList());
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            if (session.Status is not (ReturnCaseStatus.CertificateIssued or ReturnCaseStatus.ReturnDeclared or ReturnCaseStatus.Mismatched))
                throw new ConflictException("WRONG_STATE", $"Case {caseId} is {session.Status}; a return declaration is filed once the certificate is issued, or to correct a mismatch.");
            session.Update(f => f with
            {
                Declarations = [.. f.Declarations.Where(d => d.ReturnDeclarationNo != declaration.ReturnDeclarationNo), declaration],
                UncheckedDeclarations = [.. f.UncheckedDeclarations.Where(c => c != declaration.CertificateNo), declaration.CertificateNo],
            }, now);
            foreach (var line in session.File.ActiveLines.Where(l => l.Export.ExportReference == declaration.RelatedExportDeclarationNo).ToList())
                session.UpdateLine(line.LineNo, l => l with { ReturnEntryDate = declaration.EntryDate }, now);
            await session.SetStatusAsync(ReturnCaseStatus.ReturnDeclared, now, CaseText.Of("Declaration.Filed", declaration.ReturnDeclarationNo, declaration.CertificateNo),
                actor: "Exporter", ct: ct);
            return CaseEvents.ReturnDeclarationFiled;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:return-declaration", declaration));
    }

    public async Task SubmitPaperCertificateAsync(string caseId, PaperCertificateRequest request, CancellationToken ct, string? idempotencyKey = null)
    {
        if (string.IsNullOrWhiteSpace(request.CertificateNo))
            ValidationIssues.ThrowIfAny([new ValidationIssue(ReasonCodes.FieldInvalid, "certificateNo", "The certificate number is required.")]);
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            var number = request.CertificateNo!;
            var last = session.File.LastCheckOf(number);
            var failedInfrastructure = session.File.Transmissions.LastOrDefault(t => t.CertificateNo == number)?.Status == TransmissionStatus.FailedInfrastructure;
            // E-18: paper only after Unavailable with an infrastructure cause, or a transmission that failed for one.
            if (CrossCheckRules.CheckPaperAllowed(last, failedInfrastructure) is { } || session.Status != ReturnCaseStatus.CheckUnavailable)
                throw new ConflictException(ReasonCodes.PaperNotPermitted, "A paper certificate is accepted only when the online cross-check is unavailable because of a system or network failure (E-18).");
            session.Update(f => f with { PaperSubmissions = [.. f.PaperSubmissions.Where(p => p != number), number] }, now);
            session.Note("Paper", CaseText.Of("Paper.Submitted", number), now, actor: "Exporter");
            await Task.CompletedTask;
            return CaseEvents.PaperCertificateSubmitted;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:paper-certificate", request));
    }

    /// <summary>
    /// §5.5, stage 6: the exporter applies for the certificate of one export document with the variant and refund status it
    /// states. Only a malformed application is refused here; the 数据自检 (V-01..V-15) runs in the flow on what was stated.
    /// </summary>
    public async Task SubmitApplicationAsync(string caseId, CertificateApplicationRequest request, CancellationToken ct, string? idempotencyKey = null)
    {
        var issues = new List<ValidationIssue>();
        if (request.Variant is null)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "variant", "State the variant applied for: TaxPaid or NotRefunded."));
        if (request.RefundStatus is null)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "refundStatus", "State the refund status: NotDeclared, Offset or Repaid (G-40)."));
        if (request.ExportDocNo is { Length: > 32 })
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "exportDocNo", "An export document number has at most 32 characters."));
        ValidationIssues.ThrowIfAny(issues);
        await commands.RunAsync(caseId, async (db, session, now) =>
        {
            if (session.Status != ReturnCaseStatus.CertificateApplication)
                throw new ConflictException("WRONG_STATE", $"Case {caseId} is {session.Status}; the certificate is applied for once the refund status is checked and any make-up confirmed.");
            var docs = session.File.ActiveLines.Select(l => l.Export.ExportReference).Distinct(StringComparer.Ordinal).ToList();
            var doc = request.ExportDocNo ?? (docs.Count == 1 ? docs[0] : null);
            if (doc is null || !docs.Contains(doc))
            {
                throw ValidationIssues.Exception([new ValidationIssue(ReasonCodes.NotExactlyOneExportDoc, "exportDocNo",
                    doc is null ? $"The case has lines of {docs.Count} export documents; name the one this application is for (E-17)." : $"Export document {doc} is not part of case {caseId}.")]);
            }
            var application = request with { ExportDocNo = doc, SubmittedAt = now };
            session.Update(f => f with { Applications = [.. f.Applications.Where(a => a.ExportDocNo != doc), application] }, now);
            session.Note("Application", CaseText.Of("Application.Submitted", doc, CaseText.Word(request.Variant!.Value), CaseText.Word(request.RefundStatus!.Value)), now, actor: "Exporter");
            await Task.CompletedTask;
            return CaseEvents.CertificateApplicationSubmitted;
        }, ct, CaseCommandKey.Of(idempotencyKey, "case:certificate-application", request));
    }

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
}
