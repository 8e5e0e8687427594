using ExportTaxCheck.Returns.Certificates;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Gap-tolerant counters for case and certificate numbers. The increment commits on its own, so two steps never
/// draw the same number even when one of them rolls back (that number is then simply not used).
/// </summary>
public static class Sequences
{
    // One statement: the first draw creates the counter at 1, every later one adds 1 (SQLite 3.35+, PostgreSQL 9.5+). A
    // plain statement kept prepared on SQLite: in the unit of work's transaction if it has one, else committed alone on the
    // process's SQLite writer (or the unit of work's own connection where there is none). On its own, it is not written to
    // disk at once: whatever uses the number commits after it, and the write of the log that makes that commit durable makes
    // the draw durable too (DurableCommits).
    public static Task<long> NextAsync(WorkflowDbContext db, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.WriteAloneAsync(unit => DrawAsync(unit, name, ct), ct);
    }

    private static async Task<long> DrawAsync(WorkflowDbContext db, string name, CancellationToken ct)
    {
        var sql = await SnapshotReads.OnAsync(db, ct);
        var values = await sql.QueryAsync(
            """INSERT INTO "Sequences" ("Name", "Value") VALUES (@name, 1) ON CONFLICT ("Name") DO UPDATE SET "Value" = "Sequences"."Value" + 1 RETURNING "Value" """,
            r => r.GetInt64(0), ct, ("name", name));
        return values.Single();
    }

    /// <summary>The next §5.6 number of the issuing tax authority for the year of <paramref name="issuedOn"/>.</summary>
    public static async Task<string> NextCertificateNoAsync(WorkflowDbContext db, string taxAuthorityCode, DateOnly issuedOn, CancellationToken ct)
    {
        var sequence = await NextAsync(db, $"certificate:{taxAuthorityCode}:{issuedOn.Year}", ct);
        return CertificateNumber.Format(taxAuthorityCode, issuedOn.Year, (int)sequence);
    }
}
