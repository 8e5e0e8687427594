using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Loads the part of the registry an operation needs (the certificates on the export documents concerned) and
/// writes back the certificates a registry operation changed, in the caller's unit of work.
/// </summary>
public sealed class CertificateStore(WorkflowDbContext db)
{
    // Run in nearly every step of a case and in every case view: compiled once instead of translated each time. A compiled
    // query keeps the tracking of the context it was first run on, so each says its own: a step's registry is tracked (its
    // changes are saved), a view's is not.
    private static readonly PerModel<Func<WorkflowDbContext, List<string>, IAsyncEnumerable<CertificateRecord>>> OnExportDocsTracked = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, List<string>, CertificateRecord>((db, docs) => db.Set<CertificateRecord>().AsTracking().Where(c => docs.Contains(c.ExportDocNo))));

    private static readonly PerModel<Func<WorkflowDbContext, List<string>, IAsyncEnumerable<CertificateRecord>>> OnExportDocsUntracked = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, List<string>, CertificateRecord>((db, docs) => db.Set<CertificateRecord>().AsNoTracking().Where(c => docs.Contains(c.ExportDocNo))));

    // The certificates on the export documents of a case, in one statement.
    private static readonly PerModel<Func<WorkflowDbContext, string, IAsyncEnumerable<CertificateRecord>>> OnCaseDocsTracked = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, string, CertificateRecord>((db, caseId) => db.Set<CertificateRecord>().AsTracking()
            .Where(c => db.Set<CertificateRecord>().Where(o => o.CaseId == caseId).Select(o => o.ExportDocNo).Contains(c.ExportDocNo))));

    private static readonly PerModel<Func<WorkflowDbContext, string, IAsyncEnumerable<CertificateRecord>>> OnCaseDocsUntracked = new(() =>
        EF.CompileAsyncQuery<WorkflowDbContext, string, CertificateRecord>((db, caseId) => db.Set<CertificateRecord>().AsNoTracking()
            .Where(c => db.Set<CertificateRecord>().Where(o => o.CaseId == caseId).Select(o => o.ExportDocNo).Contains(c.ExportDocNo))));

    private static readonly PerModel<Func<WorkflowDbContext, string, CancellationToken, Task<string?>>> ExportDocOfNumber = new(() =>
        EF.CompileAsyncQuery((WorkflowDbContext db, string certificateNo, CancellationToken _) =>
            db.Set<CertificateRecord>().Where(c => c.CertificateNo == certificateNo).Select(c => c.ExportDocNo).FirstOrDefault()));

    /// <summary>Certificates as last parsed or written, for the next read of the same row.</summary>
    private static readonly ParsedDocuments<Certificate> Parsed = new(1024);

    private readonly Dictionary<Guid, CertificateRecord> _records = [];

    public async Task<CertificateRegistry> LoadForExportDocsAsync(IEnumerable<string> exportDocNos, CancellationToken ct)
    {
        var docs = exportDocNos.Distinct().ToList();
        return Track(WithAdded(await OnExportDocsAsync(docs, ct), docs));
    }

    public async Task<CertificateRegistry> LoadForCaseAsync(string caseId, CancellationToken ct)
    {
        var rows = await (Tracks ? OnCaseDocsTracked : OnCaseDocsUntracked).For(db)(db, caseId).ToListAsync(ct);
        var docs = rows.Select(r => r.ExportDocNo).Distinct().ToList();
        // A certificate of the case that this unit of work added and has not saved yet may be on another document.
        var more = db.Tracked<CertificateRecord>().Where(c => c.CaseId == caseId).Select(c => c.ExportDocNo).Distinct().Where(d => !docs.Contains(d)).ToList();
        rows.AddRange(await OnExportDocsAsync(more, ct));
        docs.AddRange(more);
        return Track(WithAdded(rows, docs));
    }

    /// <summary>The registry of certificate rows read elsewhere (a view's own query), known to this store as if it had loaded them.</summary>
    public CertificateRegistry Adopt(List<CertificateRecord> rows) => Track(rows);

    public async Task<(CertificateRegistry Registry, Certificate? Certificate)> LoadByNumberAsync(string certificateNo, CancellationToken ct)
    {
        var doc = await ExportDocOfNumber.For(db)(db, certificateNo, ct);
        if (doc is null)
            return (new CertificateRegistry(), null);
        var registry = await LoadForExportDocsAsync([doc], ct);
        return (registry, registry.Find(certificateNo));
    }

    /// <summary>The certificates of one case (all states), newest application last.</summary>
    public IEnumerable<Certificate> OfCase(CertificateRegistry registry, string caseId) =>
        registry.Certificates.Where(c => _records.TryGetValue(c.ApplicationId, out var r) && r.CaseId == caseId)
            .OrderBy(c => _records[c.ApplicationId].CreatedAt);

    /// <summary>The case a loaded certificate belongs to.</summary>
    public string? CaseOf(Certificate certificate) => _records.TryGetValue(certificate.ApplicationId, out var record) ? record.CaseId : null;

    /// <summary>Writes every certificate of <paramref name="registry"/> that differs from its row; adds new ones for <paramref name="caseId"/>.</summary>
    public void Save(CertificateRegistry registry, string caseId, DateTimeOffset now)
    {
        foreach (var certificate in registry.Certificates)
        {
            var data = ReturnsJson.Serialize(certificate);
            if (!_records.TryGetValue(certificate.ApplicationId, out var record))
            {
                record = new CertificateRecord
                {
                    Id = certificate.ApplicationId.ToString("N"),
                    CaseId = caseId,
                    ExportDocNo = certificate.ExportDocNo,
                    CreatedAt = now,
                    Data = "",
                };
                db.Add(record);
                _records[certificate.ApplicationId] = record;
            }
            else if (record.Data == data)
            {
                continue;
            }
            else if (db.Entry(record).State != EntityState.Added)
            {
                record.Revision++;
            }
            record.Data = data;
            Parsed.Remember(record.Id, data, certificate);
            record.CertificateNo = certificate.CertificateNo;
            record.Status = certificate.Status;
            record.UpdatedAt = now;
        }
    }

    private async Task<List<CertificateRecord>> OnExportDocsAsync(List<string> docs, CancellationToken ct)
    {
        if (docs.Count == 0)
            return [];
        return await (Tracks ? OnExportDocsTracked : OnExportDocsUntracked).For(db)(db, docs).ToListAsync(ct);
    }

    /// <summary>Whether this unit of work tracks what it reads (a step, whose changes are saved) or not (a view).</summary>
    private bool Tracks => db.ChangeTracker.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll;

    /// <summary><paramref name="rows"/> with the certificates on <paramref name="docs"/> this unit of work added and has not saved yet.</summary>
    private List<CertificateRecord> WithAdded(List<CertificateRecord> rows, List<string> docs)
    {
        rows.AddRange(db.Tracked<CertificateRecord>().Where(c => docs.Contains(c.ExportDocNo) && !rows.Contains(c)).ToList());
        return rows;
    }

    private CertificateRegistry Track(List<CertificateRecord> rows)
    {
        foreach (var row in rows)
            _records[Guid.ParseExact(row.Id, "N")] = row;
        return new CertificateRegistry(rows.Select(r => Parsed.Parse(r.Id, r.Data)));
    }
}
