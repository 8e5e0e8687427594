using ExportTaxCheck.Returns.Certificates;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Persistence;

/// <summary>
/// Gap-tolerant counters for case and certificate numbers. The increment commits on its own, so two steps never
/// draw the same number even when one of them rolls back (that number is then simply not used).
/// </summary>
public static class Sequences
{
    public static async Task<long> NextAsync(WorkflowDbContext db, string name, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO \"Sequences\" (\"Name\", \"Value\") VALUES ({name}, 0) ON CONFLICT DO NOTHING", ct);
        var values = await db.Database
            .SqlQuery<long>($"UPDATE \"Sequences\" SET \"Value\" = \"Value\" + 1 WHERE \"Name\" = {name} RETURNING \"Value\"")
            .ToListAsync(ct);
        return values.Single();
    }

    /// <summary>The next §5.6 number of the issuing tax authority for the year of <paramref name="issuedOn"/>.</summary>
    public static async Task<string> NextCertificateNoAsync(WorkflowDbContext db, string taxAuthorityCode, DateOnly issuedOn, CancellationToken ct)
    {
        var sequence = await NextAsync(db, $"certificate:{taxAuthorityCode}:{issuedOn.Year}", ct);
        return CertificateNumber.Format(taxAuthorityCode, issuedOn.Year, (int)sequence);
    }
}
