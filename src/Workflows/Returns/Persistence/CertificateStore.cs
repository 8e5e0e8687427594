using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Loads the part of the registry an operation needs (the certificates on the export documents concerned) and
/// writes back the certificates a registry operation changed, in the caller's unit of work. Nearly every step of a case
/// and every case view loads it, so the rows are read with statements kept prepared on the unit of work's connection
/// (<see cref="SnapshotReads.OnAsync"/>) and, in a unit of work that tracks what it reads, tracked as EF Core would track them.
/// </summary>
public sealed class CertificateStore(WorkflowDbContext db)
{
    /// <summary>Certificates as last parsed or written, for the next read of the same row.</summary>
    private static readonly ParsedDocuments<Certificate> Parsed = new(1024);

    private readonly Dictionary<Guid, CertificateRecord> _records = [];

    public async Task<CertificateRegistry> LoadForExportDocsAsync(IEnumerable<string> exportDocNos, CancellationToken ct)
    {
        var docs = exportDocNos.Distinct().ToList();
        return Track(WithAdded(await OnExportDocsAsync(docs, ct), docs));
    }

    /// <summary>A certificate row in the columns' order of <see cref="Read"/>.</summary>
    public const string Columns = """ "Id", "CertificateNo", "CaseId", "ExportDocNo", "Status", "CreatedAt", "UpdatedAt", "Revision", "Data", "UsageReportedAt" """;

    /// <summary>Every certificate on the export documents of the case's certificates (<c>@id</c>).</summary>
    public const string SelectOnCaseDocs = $"""SELECT{Columns}FROM "Certificates" WHERE "ExportDocNo" IN (SELECT "ExportDocNo" FROM "Certificates" WHERE "CaseId" = @id)""";

    /// <summary>Every certificate on the export document of the certificate numbered <c>@no</c>.</summary>
    private const string SelectOnNumberedDoc =
        $"""SELECT{Columns}FROM "Certificates" WHERE "ExportDocNo" = (SELECT "ExportDocNo" FROM "Certificates" WHERE "CertificateNo" = @no LIMIT 1)""";

    // The certificates on many documents, a statement for up to 32 of them.
    private static readonly InListQuery OnExportDocs = new($"""SELECT{Columns}FROM "Certificates" """, "\"ExportDocNo\"");

    public static CertificateRecord Read(IDbRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var id = r.GetString(0);
        return new CertificateRecord
        {
            Id = id, CertificateNo = r.NullableString(1), CaseId = r.GetString(2), ExportDocNo = r.GetString(3),
            Status = Enum.Parse<CertificateStatus>(r.GetString(4)), CreatedAt = r.GetTime(5), UpdatedAt = r.GetTime(6), Revision = r.GetInt64(7),
            Data = Parsed.Json(r, 8, id), UsageReportedAt = r.NullableTime(9),
        };
    }

    public async Task<CertificateRegistry> LoadForCaseAsync(string caseId, CancellationToken ct)
    {
        var rows = Resolved(await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(SelectOnCaseDocs, Read, ct, ("id", caseId)));
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
        // The document found and its certificates read in one statement: one snapshot, one round trip.
        var rows = Resolved(await (await SnapshotReads.OnAsync(db, ct)).QueryAsync(SelectOnNumberedDoc, Read, ct, ("no", certificateNo)));
        if (rows.Count == 0)
            return (new CertificateRegistry(), null);
        var registry = Track(WithAdded(rows, [rows[0].ExportDocNo]));
        return (registry, registry.Find(certificateNo));
    }

    /// <summary>The certificates of one case (all states), newest application last.</summary>
    public IEnumerable<Certificate> OfCase(CertificateRegistry registry, string caseId) =>
        registry.Certificates.Where(c => _records.TryGetValue(c.ApplicationId, out var r) && r.CaseId == caseId)
            .OrderBy(c => _records[c.ApplicationId].CreatedAt);

    /// <summary>The case a loaded certificate belongs to.</summary>
    public string? CaseOf(Certificate certificate) => _records.TryGetValue(certificate.ApplicationId, out var record) ? record.CaseId : null;

    /// <summary>The row of a loaded certificate, as the unit of work tracks it.</summary>
    public CertificateRecord? RecordOf(Certificate certificate) => _records.GetValueOrDefault(certificate.ApplicationId);

    /// <summary>Writes every certificate of <paramref name="registry"/> that differs from its row; adds new ones for <paramref name="caseId"/>.</summary>
    public void Save(CertificateRegistry registry, string caseId, DateTimeOffset now)
    {
        foreach (var certificate in registry.Certificates)
        {
            var record = _records.GetValueOrDefault(certificate.ApplicationId);
            // Unchanged: the very certificate its row was parsed from or written as (certificates are immutable records).
            if (record is not null && Parsed.Holds(record.Id, record.Data, certificate))
                continue;
            var data = ReturnsJson.Serialize(certificate);
            if (record is null)
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
        return Resolved(await OnExportDocs.QueryAsync(await SnapshotReads.OnAsync(db, ct), docs, Read, ct));
    }

    /// <summary>Rows read with a plain statement, as an EF Core query of this unit of work gives them (<see cref="TrackedEntities.Resolved"/>).</summary>
    private List<CertificateRecord> Resolved(List<CertificateRecord> rows)
    {
        for (var i = 0; i < rows.Count; i++)
            rows[i] = db.Resolved(rows[i], rows[i].Id);
        return rows;
    }

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
