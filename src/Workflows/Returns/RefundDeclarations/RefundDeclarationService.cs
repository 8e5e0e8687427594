using System.Globalization;
using ExportTaxCheck.Engine.Definitions;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>
/// The tax side's refund declarations (E-15, X-09) and the reference-data loader, which may bring refund records too:
/// both go through the refund lock. One declaration is one transaction; a retry with its idempotency key gets the first
/// answer; a concurrent issuance, clearance or other declaration on the same lines makes it run again on fresh rows.
/// </summary>
public sealed class RefundDeclarationService(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxLines = 100;
    private const string Operation = "refund-declaration";

    public async Task<RefundDeclarationResult> DeclareAsync(RefundDeclarationRequest request, string actor, string? idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidationIssues.ThrowIfAny(Validate(request));
        var lines = request.Lines!;
        var key = idempotencyKey is null ? null : Operation + ":" + idempotencyKey;
        if (key is not null)
            IdempotencyKeys.Validate(key);
        var hash = IdempotencyKeys.Hash(new { Operation, request });
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (key is not null && await IdempotencyKeys.FindAsync(db, key, Operation, hash, ct) is { } done)
                return ReturnsJson.Deserialize<RefundDeclarationResult>(done.Response);
            var now = clock.GetUtcNow();
            var stored = await ReferenceData.FindManyTrackedAsync(db, lines.Select(l => (l.ExportDocNo!, l.ExportItemNo)).ToList(), ct);
            var records = new List<ExportLineRecord>();
            for (var i = 0; i < lines.Count; i++)
            {
                var claim = lines[i];
                records.Add(stored[i]
                            ?? throw ValidationIssues.Exception([new ValidationIssue(Intake.CaseValidation.ExportLineNotFound, Field(i, "exportItemNo"),
                                $"Export line {claim.ExportDocNo}/{claim.ExportItemNo} is not in the reference data.")]));
            }
            // The lines before the certificates on them: a certificate approval moves its lines' revision on when it commits
            // (ReviewCertificateApplication), so one that commits after this read makes the save below fail and run again, and
            // one that committed before it is in the registry read next. Read the other way round, an approval committing
            // between the two reads went unseen and the refund took quantity the new lock holds.
            var store = new CertificateStore(db);
            var registry = await store.LoadForExportDocsAsync(lines.Select(l => l.ExportDocNo!), ct);
            var results = new List<RefundClaimResult>();
            for (var i = 0; i < lines.Count; i++)
                results.Add(await RefundProcessing.ProcessClaimAsync(db, store, registry, records[i], lines[i], actor, now, ct));

            var result = new RefundDeclarationResult
            {
                DeclarationId = Ids.New(),
                DeclaredAt = now,
                DeclaredBy = actor,
                Outcome = results.All(r => r.RefusedQty == 0) ? RefundOutcome.Accepted : results.All(r => r.AcceptedQty == 0) ? RefundOutcome.Refused : RefundOutcome.PartiallyAccepted,
                Lines = results,
            };
            db.Add(new RefundDeclarationRecord
            {
                Id = result.DeclarationId, DeclaredAt = now, DeclaredBy = actor, Data = ReturnsJson.Serialize(result),
                ExportDocNos = string.Join(' ', results.Select(r => r.ExportDocNo).Distinct(StringComparer.Ordinal)),
            });
            if (key is not null)
                db.IdempotencyKeys.Add(IdempotencyKeys.Record(key, Operation, hash, result, now));
            if (await CommitAsync(db, attempt, ct))
                return result;
        }
    }

    public async Task<RefundDeclarationPage> ListAsync(string? exportDocNo, int page, int pageSize, CancellationToken ct)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<RefundDeclarationRecord>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(exportDocNo))
            query = query.Where(r => r.ExportDocNos.Contains(exportDocNo.Trim()));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(r => r.DeclaredAt).ThenByDescending(r => r.Id).Skip(Paging.Skip(page - 1, pageSize)).Take(pageSize).ToListAsync(ct);
        return new RefundDeclarationPage(rows.Select(r => ReturnsJson.Deserialize<RefundDeclarationResult>(r.Data)).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// Loads export lines from the reference data. A line's refund record that processes more refund than the stored one is
    /// a refund like a declaration's (the lock applies, customs hears of it); one the lock refuses keeps the stored record
    /// and is listed in the answer.
    /// </summary>
    public async Task<(int Written, IReadOnlyList<RefundClaimResult> Refused)> LoadExportLinesAsync(IReadOnlyList<ExportLineData> lines, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            // The lines before the certificates on them, as for a declaration (DeclareAsync).
            var stored = await ReferenceData.FindManyTrackedAsync(db, lines.Select(l => (l.Export.ExportReference, l.Export.ItemNo)).ToList(), ct);
            var store = new CertificateStore(db);
            var registry = await store.LoadForExportDocsAsync(lines.Select(l => l.Export.ExportReference), ct);
            var refused = new List<RefundClaimResult>();
            var written = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                // A line given twice: the second finds the row the first added (none stored: nothing to read again).
                var record = stored[i] ?? ReferenceData.Held(db, line.Export.ExportReference, line.Export.ItemNo);
                if (record is null)
                {
                    ReferenceData.Add(db, line, now);
                    written++;
                    continue;
                }
                var result = await RefundProcessing.LoadAsync(db, store, registry, record, line, actor, now, ct);
                if (result is { RefusedQty: > 0 })
                    refused.Add(result);
                else
                    written++;
            }
            if (await CommitAsync(db, attempt, ct))
                return (written, refused);
        }
    }

    private static async Task<bool> CommitAsync(WorkflowDbContext db, int attempt, CancellationToken ct)
    {
        try
        {
            // A failure rolls back the whole transaction and the command runs again on a fresh context: no savepoint needed.
            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ModelWrites.SaveChangesAsync(db, ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException) when (attempt < 8)
        {
            // A certificate was issued, a case step committed or another refund was processed on these lines meanwhile.
            return false;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && IdempotencyKeys.IsDuplicateKey(ex))
        {
            // The same declaration with the same key committed in another process a moment ago: the next pass replays it.
            return false;
        }
    }

    private static List<ValidationIssue> Validate(RefundDeclarationRequest request)
    {
        var issues = new List<ValidationIssue>();
        var lines = request.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "lines", $"A refund declaration has 1 to {MaxLines} lines."));
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, Field(i, ""), "A line is required."));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.ExportDocNo) || line.ExportDocNo.Length > 32)
                issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, Field(i, "exportDocNo"), "The export declaration or list number is required (at most 32 characters)."));
            if (line.ExportItemNo is < 1 or > 999)
                issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, Field(i, "exportItemNo"), "The export item number is 1..999."));
            if (line.Qty <= 0 || decimal.Round(line.Qty, 5) != line.Qty)
                issues.Add(new ValidationIssue(ReasonCodes.ReturnedQtyNotPositive, Field(i, "qty"), "The quantity the refund claims must be greater than zero (at most 5 decimals)."));
            if (!Money.IsValidAmount(line.VatRefunded))
                issues.Add(new ValidationIssue(ReasonCodes.InvalidAmount, Field(i, "vatRefunded"), "Amounts are not negative and have at most 2 decimals."));
            if (!Money.IsValidAmount(line.CtRefunded))
                issues.Add(new ValidationIssue(ReasonCodes.InvalidAmount, Field(i, "ctRefunded"), "Amounts are not negative and have at most 2 decimals."));
            if (!Enum.IsDefined(line.Kind))
                issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, Field(i, "kind"), "The kind is Refund, PreRefundHwc or Credit."));
        }
        foreach (var duplicate in lines.Where(l => l is not null).GroupBy(l => (l.ExportDocNo, l.ExportItemNo)).Where(g => g.Count() > 1))
            issues.Add(new ValidationIssue(ReasonCodes.FieldInvalid, "lines", $"Export line {duplicate.Key.ExportDocNo}/{duplicate.Key.ExportItemNo} appears more than once."));
        return issues;
    }

    private static string Field(int index, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"lines[{index}]") + (name.Length > 0 ? "." + name : "");
}
