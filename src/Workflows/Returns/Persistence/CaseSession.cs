using ExportTaxCheck.Engine.Notifications;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// A case loaded into one unit of work (a workflow step or an API command). Every change is written back to the
/// tracked row at once, so what commits is exactly what the step changed.
/// </summary>
public sealed class CaseSession
{
    private static readonly HashSet<ReturnCaseStatus> EndedWithoutReturn =
    [
        ReturnCaseStatus.Ineligible, ReturnCaseStatus.RejectedEvidence, ReturnCaseStatus.RejectedOriginalState,
        ReturnCaseStatus.CertificateRefused, ReturnCaseStatus.Withdrawn,
    ];

    /// <summary>The exporter is reminded of a supplement this many days before its due date, at 09:00 UTC+8.</summary>
    public const int SupplementReminderDaysBefore = 3;

    public const string SupplementReminder = "supplement-reminder";

    private readonly WorkflowDbContext _db;

    private CaseSession(WorkflowDbContext db, ReturnCaseRecord record, CaseFile file)
    {
        _db = db;
        Record = record;
        File = file;
    }

    public ReturnCaseRecord Record { get; }
    public CaseFile File { get; private set; }
    public string CaseId => Record.Id;
    public ReturnCase Case => File.Case;
    public ReturnCaseStatus Status => Record.Status;

    /// <summary>States in which the exporter may still withdraw (§2.2: any state before ClearedExempt).</summary>
    public static bool IsWithdrawable(ReturnCaseStatus status) =>
        status is not (ReturnCaseStatus.ClearedExempt or ReturnCaseStatus.UsageReported or ReturnCaseStatus.ExportDutyRefund or ReturnCaseStatus.Closed or ReturnCaseStatus.OnHold)
        && !EndedWithoutReturn.Contains(status);

    public static bool HasEnded(ReturnCaseStatus status) => status == ReturnCaseStatus.Closed || EndedWithoutReturn.Contains(status);

    /// <summary>Finds the case in the unit of work first (a case created in this very step), then in the database.</summary>
    public static async Task<CaseSession?> LoadAsync(WorkflowDbContext db, string caseId, CancellationToken ct)
    {
        var record = db.Tracked<ReturnCaseRecord>().FindEntry(caseId)?.Entity ?? await ReadTrackedAsync(db, caseId, ct);
        return record is null ? null : new CaseSession(db, record, record.Unwritten ?? Files.Parse(record.Id, record.Data));
    }

    /// <summary>The case's row in the columns' order of <see cref="Read"/>.</summary>
    public const string SelectById =
        """SELECT "Id", "ExporterUscc", "ExporterName", "Status", "PolicyVersionId", "WorkflowInstanceId", "CreatedAt", "UpdatedAt", "Revision", "Data" FROM "ReturnCases" WHERE "Id" = @id""";

    public static ReturnCaseRecord Read(IDbRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var id = r.GetString(0);
        return new ReturnCaseRecord
        {
            Id = id, ExporterUscc = r.GetString(1), ExporterName = r.GetString(2), Status = Enum.Parse<ReturnCaseStatus>(r.GetString(3)),
            PolicyVersionId = r.NullableString(4), WorkflowInstanceId = r.NullableString(5), CreatedAt = r.GetTime(6), UpdatedAt = r.GetTime(7),
            Revision = r.GetInt64(8), Data = Files.Json(r, 9, id),
        };
    }

    // With a statement kept prepared, then made known to the unit of work as read (its changes are saved, its revision checked).
    private static async Task<ReturnCaseRecord?> ReadTrackedAsync(WorkflowDbContext db, string caseId, CancellationToken ct)
    {
        var record = (await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(SelectById, Read, ct, ("id", caseId))).FirstOrDefault();
        if (record is not null)
            db.Attach(record);
        return record;
    }

    /// <summary>Case files as last parsed or written, for the next read of the same case (each activity of a step loads it again).</summary>
    public static readonly ParsedDocuments<CaseFile> Files = new(512);

    public static CaseSession Create(WorkflowDbContext db, CaseFile file, DateTimeOffset now)
    {
        var session = CreateRecord(db, file, now);
        for (var i = 0; i < file.Timeline.Count; i++)
            session.QueueNotification(i, now);
        return session;
    }

    private static CaseSession CreateRecord(WorkflowDbContext db, CaseFile file, DateTimeOffset now)
    {
        var record = new ReturnCaseRecord
        {
            Id = file.Case.CaseId,
            ExporterUscc = file.Case.ExporterUscc,
            ExporterName = file.Case.ExporterName,
            Status = file.Case.Status,
            CreatedAt = now,
            UpdatedAt = now,
            Data = "",
        };
        db.Add(record);
        var session = new CaseSession(db, record, file);
        session.Write(file, now);
        return session;
    }

    public void Update(Func<CaseFile, CaseFile> change, DateTimeOffset now) => Write(change(File), now);

    public void UpdateCase(Func<ReturnCase, ReturnCase> change, DateTimeOffset now) => Write(File with { Case = change(File.Case) }, now);

    public void UpdateLine(int lineNo, Func<ReturnCaseLine, ReturnCaseLine> change, DateTimeOffset now) =>
        UpdateCase(c => c with { Lines = c.Lines.Select(l => l.LineNo == lineNo ? change(l) : l).ToList() }, now);

    /// <summary>Moves the case to <paramref name="status"/> and records why; a case that ended without a return frees its quantities (E-11).</summary>
    public async Task SetStatusAsync(ReturnCaseStatus status, DateTimeOffset now, string message, IReadOnlyList<string>? codes = null,
        string? notification = null, string? actor = null, CancellationToken ct = default, CaseText? text = null)
    {
        var reasons = codes ?? [];
        Write(File with
        {
            Case = File.Case with { Status = status },
            StatusReasons = reasons,
            Timeline = [.. File.Timeline, new CaseEvent
            {
                At = now, Kind = "Status", Status = status, Message = message, Text = text?.Key, Args = text?.Args ?? [], Codes = reasons,
                Notification = notification, Actor = actor,
            }],
        }, now);
        QueueNotification(File.Timeline.Count - 1, now);
        if (status == ReturnCaseStatus.SupplementRequested)
            await ScheduleSupplementReminderAsync(now, ct);
        if (EndedWithoutReturn.Contains(status))
        {
            foreach (var claim in await ClaimsAsync(ct))
                claim.Counts = false;
        }
    }

    /// <summary>A status change whose sentence is kept as data (<see cref="CaseText"/>), readable in each language.</summary>
    public Task SetStatusAsync(ReturnCaseStatus status, DateTimeOffset now, CaseText text, IReadOnlyList<string>? codes = null,
        string? notification = null, string? actor = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SetStatusAsync(status, now, text.In(DisplayTexts.English), codes, notification, actor, ct, text);
    }

    /// <summary>A timeline note whose sentence is kept as data (<see cref="CaseText"/>).</summary>
    public void Note(string kind, CaseText text, DateTimeOffset now, IReadOnlyList<string>? codes = null, string? notification = null, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Add(new CaseEvent { At = now, Kind = kind, Message = text.In(DisplayTexts.English), Text = text.Key, Args = text.Args, Codes = codes ?? [], Notification = notification, Actor = actor }, now);
    }

    public void Note(string kind, string message, DateTimeOffset now, IReadOnlyList<string>? codes = null, string? notification = null, string? actor = null)
        => Add(new CaseEvent { At = now, Kind = kind, Message = message, Codes = codes ?? [], Notification = notification, Actor = actor }, now);

    private void Add(CaseEvent entry, DateTimeOffset now)
    {
        Write(File with { Timeline = [.. File.Timeline, entry] }, now);
        QueueNotification(File.Timeline.Count - 1, now);
    }

    /// <summary>
    /// Writes the e-mail of a timeline event that names a notification into the outbox, in this unit of work: it is sent
    /// after the step commits, and never for a step that rolled back. A case without a contact address gets none.
    /// </summary>
    private void QueueNotification(int eventIndex, DateTimeOffset now)
    {
        if (File.Timeline[eventIndex].Notification is not { Length: > 0 } template || Case.ContactEmail is not { Length: > 0 } to)
            return;
        Outbox.Enqueue(_db, now, [to], template, CaseReference.Of(CaseId), eventIndex, snapshot: Snapshot());
    }

    /// <summary>The facts of this moment a notification tells about, which may change before it is rendered (a supplement answered at once).</summary>
    private System.Text.Json.Nodes.JsonObject Snapshot() => new()
    {
        ["status"] = Case.Status.ToString(),
        ["reasons"] = System.Text.Json.JsonSerializer.SerializeToNode(File.StatusReasons, ReturnsJson.Options),
        ["supplement"] = File.Supplement is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(File.Supplement, ReturnsJson.Options),
    };

    /// <summary>A reminder before the supplement's due date, cancelled at its time if the case has moved on.</summary>
    private async Task ScheduleSupplementReminderAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (File.Supplement is not { } supplement || Case.ContactEmail is not { Length: > 0 } to)
            return;
        var remindAt = new DateTimeOffset(supplement.DueDate.AddDays(-SupplementReminderDaysBefore).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        if (remindAt <= now)
            return;
        var pending = _db.Tracked<OutboxMessageRecord>().Any(m => m.ReferenceType == CaseReference.Type && m.ReferenceId == CaseId && m.Template == SupplementReminder && m.Status == OutboxStatus.Pending)
                      || await _db.Outbox.AnyAsync(m => m.ReferenceType == CaseReference.Type && m.ReferenceId == CaseId && m.Template == SupplementReminder
                                                        && m.Status == OutboxStatus.Pending && m.NextAttemptAt == remindAt, ct);
        if (!pending)
            Outbox.Enqueue(_db, now, [to], SupplementReminder, CaseReference.Of(CaseId), File.Timeline.Count - 1, sendAt: remindAt, sendIfStatus: nameof(ReturnCaseStatus.SupplementRequested),
                snapshot: Snapshot());
    }

    public async Task<List<ReturnLineClaimRecord>> ClaimsAsync(CancellationToken ct)
    {
        var local = _db.Tracked<ReturnLineClaimRecord>().Where(c => c.CaseId == CaseId).ToList();
        if (local.Count > 0)
            return local;
        return await ReturnLineClaims.OfCaseAsync(_db, CaseId, ct);
    }

    private void Write(CaseFile file, DateTimeOffset now)
    {
        File = file;
        Record.Status = file.Case.Status;
        Record.PolicyVersionId = file.Case.PolicyVersionId;
        Record.WriteLater(file);
        Record.UpdatedAt = now;
        // Not db.Entry(Record): it looks the row over for changes, which reads (serializes) the file at once.
        if (_db.Tracked<ReturnCaseRecord>().FindEntry(Record.Id)?.State != EntityState.Added)
            Record.Revision++;
    }
}
