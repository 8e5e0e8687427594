using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>Reads of the claims other cases hold on export documents, with a plain statement (kept prepared on SQLite).</summary>
public static class ReturnLineClaims
{
    private const string Columns =
        """ "CaseId", "LineNo", "ExportDocNo", "ExportItemNo", "ReturnedQty", "Counts", "MakeUpVat", "MakeUpCt", "FobCnyReturned", "ExportDutyRefund", "CreatedAt" """;

    private const string CountingOthersOnDocument =
        $"""SELECT {Columns} FROM "ReturnLineClaims" WHERE "ExportDocNo" = @doc AND "CaseId" <> @caseId AND "Counts" ORDER BY "CaseId", "LineNo" """;

    /// <summary>The claims that count, of cases other than <paramref name="caseId"/>, on the export documents <paramref name="exportDocNos"/>; read as they are stored, untracked.</summary>
    public static async Task<List<ReturnLineClaimRecord>> OthersOnAsync(WorkflowDbContext db, string caseId, IEnumerable<string> exportDocNos, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exportDocNos);
        var sql = await SnapshotReads.OnAsync(db, ct);
        var claims = new List<ReturnLineClaimRecord>();
        foreach (var doc in exportDocNos.Distinct(StringComparer.Ordinal))
            claims.AddRange(await sql.QueryAsync(CountingOthersOnDocument, Read, ct, ("doc", doc), ("caseId", caseId)));
        return claims;
    }

    /// <summary>
    /// The claims of case <paramref name="caseId"/>, as an EF Core query of <paramref name="db"/> gives them: tracked from
    /// now on in a unit of work that tracks what it reads (their changes are saved). For a unit of work that tracks none of them yet.
    /// </summary>
    public static async Task<List<ReturnLineClaimRecord>> OfCaseAsync(WorkflowDbContext db, string caseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var claims = await (await SnapshotReads.OnAsync(db, ct)).QueryAsync($"""SELECT {Columns} FROM "ReturnLineClaims" WHERE "CaseId" = @caseId ORDER BY "LineNo" """, Read, ct, ("caseId", caseId));
        if (db.ChangeTracker.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll)
            db.AttachRange(claims);
        return claims;
    }

    private static ReturnLineClaimRecord Read(IDbRow r) => new()
    {
        CaseId = r.GetString(0), LineNo = r.GetInt32(1), ExportDocNo = r.GetString(2), ExportItemNo = r.GetInt32(3), ReturnedQty = r.GetDecimal(4),
        Counts = r.GetBoolean(5), MakeUpVat = r.NullableDecimal(6), MakeUpCt = r.NullableDecimal(7), FobCnyReturned = r.NullableDecimal(8),
        ExportDutyRefund = r.NullableDecimal(9), CreatedAt = r.GetTime(10),
    };
}
