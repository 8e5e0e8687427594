using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Intake;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Case;

public sealed class CaseQueries(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock, ReturnsDomainOptions domain)
{
    // The case view's reads, run for every command answer and every e-mail: compiled once instead of translated each time.
    private static readonly PerModel<Func<WorkflowDbContext, string, CancellationToken, Task<ReturnCaseRecord?>>> CaseById = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, string caseId, CancellationToken _) => db.Set<ReturnCaseRecord>().AsNoTracking().FirstOrDefault(c => c.Id == caseId)));

    private static readonly PerModel<Func<WorkflowDbContext, string, IAsyncEnumerable<HumanTaskRecord>>> TasksOfCase = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, string, HumanTaskRecord>((db, caseId) =>
            db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == caseId).OrderBy(t => t.CreatedAt)));

    private static readonly PerModel<Func<WorkflowDbContext, string, IAsyncEnumerable<UsageFeedbackRecord>>> FeedbackOfCase = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, string, UsageFeedbackRecord>((db, caseId) =>
            db.Set<UsageFeedbackRecord>().AsNoTracking().Where(f => f.CaseId == caseId).OrderBy(f => f.CreatedAt)));

    private static readonly PerModel<Func<WorkflowDbContext, string, IAsyncEnumerable<CertificateStatusUpdateRecord>>> UpdatesOfCase = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, string, CertificateStatusUpdateRecord>((db, caseId) =>
            db.Set<CertificateStatusUpdateRecord>().AsNoTracking().Where(u => u.CaseId == caseId).OrderBy(u => u.CreatedAt)));

    private static readonly PerModel<Func<WorkflowDbContext, List<string>, IAsyncEnumerable<CustomsCertificateRecord>>> CustomsCopies = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, List<string>, CustomsCertificateRecord>((db, numbers) =>
            db.Set<CustomsCertificateRecord>().AsNoTracking().Where(c => numbers.Contains(c.CertificateNo)).OrderBy(c => c.CertificateNo)));

    public async Task<CaseView> GetAsync(string caseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A view writes nothing: its rows (the certificates' too) are read without change tracking.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var record = await CaseById.For(db)(db, caseId, ct) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
        var file = CaseSession.Files.Parse(record.Id, record.Data);
        var store = new CertificateStore(db);
        var registry = await store.LoadForCaseAsync(caseId, ct);
        var certificates = store.OfCase(registry, caseId).ToList();
        var tasks = await TasksOfCase.For(db)(db, caseId).ToListAsync(ct);
        var feedback = await FeedbackOfCase.For(db)(db, caseId).ToListAsync(ct);
        var updates = await UpdatesOfCase.For(db)(db, caseId).ToListAsync(ct);
        var numbers = certificates.Select(c => c.CertificateNo).OfType<string>().Concat(file.Declarations.Select(d => d.CertificateNo)).Distinct().ToList();
        var customs = numbers.Count == 0 ? [] : await CustomsCopies.For(db)(db, numbers).ToListAsync(ct);

        var reports = feedback.Select(f => new UsageFeedbackView(f.CertificateNo, f.ReturnDeclarationNo, f.Status, f.Attempts, f.DeliveredAt,
            ReturnsJson.Deserialize<UsageFeedback>(f.Data), f.CustomsDeliveredAt, f.LastError)).ToList();
        var lines = file.Case.Lines.Select(l => new CaseLineView(
            l.LineNo, l.Export.ExportReference, l.Export.ItemNo, l.Export.SupervisionCode, l.Export.HsCode, l.Export.GoodsName, l.Export.ExportedQty,
            l.ReturnedQty, l.ReturnUnitCode, l.Reason, l.PlannedEntryDate, l.ReturnEntryDate, l.Refund.Status, l.Export.ExportDutyPaid,
            l.Eligibility, l.MakeUp, l.OriginalStateDecision, l.OriginalStateReasons)).ToList();
        var active = file.ActiveLines.ToList();
        var clearance = file.Clearance;
        var makeUpVat = active.Sum(l => l.MakeUp?.MakeUpVat ?? 0);
        var makeUpCt = active.Sum(l => l.MakeUp?.MakeUpCt ?? 0);
        var amounts = new CaseAmounts(makeUpVat, makeUpCt, makeUpVat + makeUpCt, clearance?.CustomsValue ?? 0, clearance?.ImportDutyExempted ?? 0,
            clearance?.ImportVatExempted ?? 0, clearance?.ImportCtExempted ?? 0, clearance?.TotalExempted ?? 0, clearance?.ExportDutyRefund ?? 0);
        var locks = file.Case.Lines.Select(l => l.Export.Key).Distinct()
            .Select(k => new RefundLockView(k.ExportDocNo, k.ItemNo, registry.LockedQty(k))).Where(l => l.LockedQty > 0).ToList();
        var documents = file.Documents.Select(d =>
        {
            var stored = file.Files.FirstOrDefault(f => f.DocId == d.DocId);
            return new DocumentView(d.DocId, d.Type, d.CoversLines, stored?.FileName, stored?.Size, d.Sha256, d.OfficerAccepted, d.IssuedOn);
        }).ToList();

        return new CaseView(
            record.Id, record.Status, file.StatusReasons, file.Case.ExporterUscc, file.Case.ExporterName, file.Case.ExporterCustomsCode, file.Case.EnterpriseType,
            file.Case.CompetentTaxAuthorityCode, file.Case.PolicyVersionId, record.CreatedAt, record.UpdatedAt, record.WorkflowInstanceId, lines, amounts,
            certificates, locks, file.Supplement, documents, file.Declarations, file.CrossChecks, file.Transmissions, clearance,
            tasks.Select(ToView).ToList(),
            // §5.10 usage feedback is the report of a use; a released reservation (AS-12) is a report to customs, listed apart.
            reports.Where(r => r.Feedback.Event == UsageEvent.Used).ToList(),
            file.Timeline,
            file.CurrentHold, file.Holds, file.Recovery, DeadlineRules.Warnings(file.ActiveLines, ChinaTime.ToChinaDate(clock.GetUtcNow()), domain),
            updates.Select(u =>
            {
                var update = ReturnsJson.Deserialize<CertificateStatusUpdate>(u.Data);
                return new StatusUpdateView(u.Id, u.CertificateNo, u.Kind, u.Sequence, update.RefundStatus, u.Status, u.Attempts, u.CreatedAt, u.DeliveredAt, u.LastError,
                    u.Ack is null ? null : ReturnsJson.Deserialize<StatusUpdateAck>(u.Ack));
            }).ToList(),
            customs.Select(c =>
            {
                var copy = ReturnsJson.Deserialize<CustomsCertificate>(c.Data);
                return new CustomsRegistryView(c.CertificateNo, copy.Status, copy.ReservedForDeclarationNo, copy.Uses, copy.RefundStatus);
            }).ToList(),
            reports, file.Applications);
    }

    public async Task<CasePage> ListAsync(CaseFilter filter, CancellationToken ct)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(filter.Page, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<ReturnCaseRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            var statuses = filter.Status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Enum.TryParse<ReturnCaseStatus>(s, true, out var v) ? v : throw new InvalidRequestException("STATUS_UNKNOWN", $"'{s}' is not a case status."))
                .ToList();
            query = query.Where(c => statuses.Contains(c.Status));
        }
        if (!string.IsNullOrWhiteSpace(filter.ExporterUscc))
            query = query.Where(c => c.ExporterUscc == filter.ExporterUscc);
        if (filter.CreatedFrom is { } from)
            query = query.Where(c => c.CreatedAt >= from);
        if (filter.CreatedTo is { } to)
            query = query.Where(c => c.CreatedAt < to);
        if (!string.IsNullOrWhiteSpace(filter.Search))
            query = query.Where(c => c.Id.Contains(filter.Search) || c.ExporterName.Contains(filter.Search));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(Paging.Skip(page - 1, pageSize)).Take(pageSize)
            .Select(c => new CaseSummary(c.Id, c.Status, c.ExporterUscc, c.ExporterName, c.PolicyVersionId, c.CreatedAt, c.UpdatedAt))
            .ToListAsync(ct);
        return new CasePage(items, total, page, pageSize);
    }

    /// <summary>The exporter a case belongs to (for access checks); null when the case does not exist.</summary>
    public async Task<string?> ExporterOfAsync(string caseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ReturnCaseRecord>().Where(c => c.Id == caseId).Select(c => c.ExporterUscc).FirstOrDefaultAsync(ct);
    }

    public async Task<EvidenceFileRecord> GetFileAsync(string caseId, Guid docId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = docId.ToString("N");
        return await db.Set<EvidenceFileRecord>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id && f.CaseId == caseId, ct)
               ?? throw new NotFoundException($"Case '{caseId}' has no file for document {docId}.", "DOCUMENT_NOT_FOUND");
    }

    public static TaskView ToView(HumanTaskRecord t) => new(t.Id, t.Title, t.ActivityType, t.CandidateRole, t.Status, t.Assignee,
        t.OutcomeList(), t.CreatedAt, t.DueAt, t.Outcome, t.CompletedAt, t.IsActive && t.HeldAt is not null);
}
