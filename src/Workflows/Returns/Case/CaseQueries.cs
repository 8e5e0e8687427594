using ExportTaxCheck.Engine.Definitions;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Intake;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Case;

public sealed class CaseQueries(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock, ReturnsDomainOptions domain)
{
    // The case view's reads, run for every command answer and every e-mail: plain statements read as one snapshot (kept
    // prepared on SQLite) instead of six EF Core queries, each its own read transaction.
    private const string TasksSelect =
        """SELECT "Id", "Title", "ActivityType", "CandidateRole", "Status", "Assignee", "Outcomes", "CreatedAt", "DueAt", "Outcome", "CompletedAt", "HeldAt" """
        + """FROM "HumanTasks" WHERE "CorrelationId" = @id ORDER BY "CreatedAt", "Id" """;

    private const string FeedbackSelect =
        """SELECT "CertificateNo", "ReturnDeclarationNo", "Status", "Attempts", "DeliveredAt", "Data", "CustomsDeliveredAt", "LastError", "Id" """
        + """FROM "UsageFeedback" WHERE "CaseId" = @id ORDER BY "CreatedAt", "Id" """;

    private const string UpdatesSelect =
        """SELECT "Id", "CertificateNo", "Kind", "Sequence", "Data", "Status", "Attempts", "CreatedAt", "DeliveredAt", "LastError", "Ack" """
        + """FROM "CertificateStatusUpdates" WHERE "CaseId" = @id ORDER BY "CreatedAt", "Id" """;

    private const string CustomsCopySelect = """SELECT "Data" FROM "CustomsCertificates" WHERE "CertificateNo" = @no""";

    // The documents of those rows as last parsed, by row: every command answer reads them again, mostly unchanged.
    private static readonly ParsedDocuments<UsageFeedback> FeedbackDocuments = new(1024);
    private static readonly ParsedDocuments<CertificateStatusUpdate> UpdateDocuments = new(1024);
    private static readonly ParsedDocuments<CustomsCertificate> CustomsDocuments = new(1024);

    public Task<CaseView> GetAsync(string caseId, CancellationToken ct) => GetAsync(caseId, whole: true, ct);

    /// <summary>
    /// The case view. Not <paramref name="whole"/>: the case file and its certificates only, with the tasks, the usage
    /// feedback, the status updates and the customs registry's copies left empty (an e-mail's model, which reads none of
    /// them, takes two reads instead of six or more).
    /// </summary>
    public async Task<CaseView> GetAsync(string caseId, bool whole, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var store = new CertificateStore(db);
        var rows = await SnapshotReads.ReadAsync(db, q => ReadCaseAsync(q, caseId, whole, ct), ct);
        var (record, file) = (rows.Case, rows.File);
        var registry = store.Adopt(rows.Certificates);
        var certificates = store.OfCase(registry, caseId).ToList();
        var reports = rows.Feedback;
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
            rows.Tasks,
            // §5.10 usage feedback is the report of a use; a released reservation (AS-12) is a report to customs, listed apart.
            reports.Where(r => r.Feedback.Event == UsageEvent.Used).ToList(),
            file.Timeline,
            file.CurrentHold, file.Holds, file.Recovery, DeadlineRules.Warnings(file.ActiveLines, ChinaTime.ToChinaDate(clock.GetUtcNow()), domain),
            rows.Updates,
            rows.Customs,
            reports, file.Applications);
    }

    /// <summary>The rows of a case view, read as one snapshot.</summary>
    private static async Task<CaseRows> ReadCaseAsync(IDbQueries q, string caseId, bool whole, CancellationToken ct)
    {
        var record = (await q.QueryAsync(CaseSession.SelectById, CaseSession.Read, ct, ("id", caseId))).FirstOrDefault()
                     ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
        var file = CaseSession.Files.Parse(record.Id, record.Data);
        var certificates = await q.QueryAsync(CertificateStore.SelectOnCaseDocs, CertificateStore.Read, ct, ("id", caseId));
        if (!whole)
            return new CaseRows(record, file, certificates, [], [], [], []);
        var tasks = await q.QueryAsync(TasksSelect, ReadTask, ct, ("id", caseId));
        var feedback = await q.QueryAsync(FeedbackSelect, r => new UsageFeedbackView(r.GetString(0), r.GetString(1), Enum.Parse<FeedbackStatus>(r.GetString(2)),
            r.GetInt32(3), r.NullableTime(4), Parsed(FeedbackDocuments, r, 5, r.GetString(8)), r.NullableTime(6), r.NullableString(7)), ct, ("id", caseId));
        var updates = await q.QueryAsync(UpdatesSelect, r =>
        {
            var update = Parsed(UpdateDocuments, r, 4, r.GetString(0));
            return new StatusUpdateView(r.GetString(0), r.GetString(1), Enum.Parse<StatusUpdateKind>(r.GetString(2)), r.GetInt64(3), update.RefundStatus,
                Enum.Parse<StatusUpdateDelivery>(r.GetString(5)), r.GetInt32(6), r.GetTime(7), r.NullableTime(8), r.NullableString(9),
                r.NullableString(10) is { } ack ? ReturnsJson.Deserialize<StatusUpdateAck>(ack) : null);
        }, ct, ("id", caseId));
        // The customs registry's copy of every certificate the case has or declared against, in number order.
        var numbers = certificates.Where(c => c.CaseId == caseId).Select(c => c.CertificateNo).OfType<string>()
            .Concat(file.Declarations.Select(d => d.CertificateNo)).Distinct().Order(StringComparer.Ordinal).ToList();
        var customs = new List<CustomsRegistryView>();
        foreach (var number in numbers)
        {
            customs.AddRange(await q.QueryAsync(CustomsCopySelect, r =>
            {
                var copy = Parsed(CustomsDocuments, r, 0, number);
                return new CustomsRegistryView(number, copy.Status, copy.ReservedForDeclarationNo, copy.Uses, copy.RefundStatus);
            }, ct, ("no", number)));
        }
        return new CaseRows(record, file, certificates, tasks, feedback, updates, customs);
    }

    private static T Parsed<T>(ParsedDocuments<T> documents, IDbRow row, int ordinal, string id) where T : class =>
        documents.Parse(id, documents.Json(row, ordinal, id));

    private static TaskView ReadTask(IDbRow r)
    {
        var status = Enum.Parse<HumanTaskStatus>(r.GetString(4));
        return new TaskView(r.GetString(0), r.GetString(1), r.NullableString(2), r.GetString(3), status, r.NullableString(5), HumanTaskRecord.OutcomeList(r.GetString(6)),
            r.GetTime(7), r.NullableTime(8), r.NullableString(9), r.NullableTime(10), Held: status is HumanTaskStatus.Open or HumanTaskStatus.Claimed && !r.IsDBNull(11));
    }

    private sealed record CaseRows(ReturnCaseRecord Case, CaseFile File, List<CertificateRecord> Certificates, List<TaskView> Tasks,
        List<UsageFeedbackView> Feedback, List<StatusUpdateView> Updates, List<CustomsRegistryView> Customs);

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
        return (await (await SnapshotReads.OnAsync(db, ct)).QueryAsync("""SELECT "ExporterUscc" FROM "ReturnCases" WHERE "Id" = @id""", r => r.GetString(0), ct, ("id", caseId)))
            .FirstOrDefault();
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
