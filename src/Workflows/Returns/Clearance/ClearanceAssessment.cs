using ExportTaxCheck.Returns.CustomsGateway;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>
/// Stage 11's assessment of every active line with the officer's inspection, as the clearance step records it and as the
/// task page previews it before it is recorded: one computation for both, so the preview is what will happen.
/// </summary>
public static class ClearanceAssessment
{
    public static async Task<IReadOnlyList<AssessedLine>> AssessAsync(WorkflowDbContext db, CaseFile file, IReadOnlyDictionary<int, InspectedLine> inspections,
        PolicyTable policies, ReturnsDomainOptions options, CancellationToken ct)
    {
        var declarations = file.CurrentDeclarations;
        var pushes = await RefundStatusPushedAsync(db, declarations.Select(d => d.CertificateNo), ct);
        return file.ActiveLines.Select(line =>
        {
            var declaration = declarations.FirstOrDefault(d => d.RelatedExportDeclarationNo == line.Export.ExportReference);
            var check = declaration is null ? null : file.LastCheckOf(declaration);
            // tax pushes a refund status only for an unused NotRefunded certificate whose line it refunded, so any push
            // means the variant no longer fits — whether customs applied it before the check, after it, or not yet.
            var pushedSince = check is not null && pushes.Contains(check.CertificateNo);
            var inspected = inspections.GetValueOrDefault(line.LineNo);
            return new AssessedLine(declaration, ClearanceRules.Assess(line, inspected?.Facts, declaration, check, pushedSince, file.Documents, policies, options,
                inspected?.ActualEntryDate));
        }).ToList();
    }

    /// <summary>Which of the certificates <paramref name="numbers"/> tax has pushed a refund status for (one plain statement each, kept prepared on SQLite).</summary>
    private static async Task<HashSet<string>> RefundStatusPushedAsync(WorkflowDbContext db, IEnumerable<string> numbers, CancellationToken ct)
    {
        var sql = await SnapshotReads.OnAsync(db, ct);
        var pushed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var number in numbers.Distinct(StringComparer.Ordinal))
        {
            var found = await sql.QueryAsync("""SELECT 1 FROM "CertificateStatusUpdates" WHERE "CertificateNo" = @no AND "Kind" = @kind LIMIT 1""", r => r.GetInt32(0), ct,
                ("no", number), ("kind", StatusUpdateKind.RefundStatus));
            if (found.Count > 0)
                pushed.Add(number);
        }
        return pushed;
    }

    /// <summary>The exemption the lines would get: null while any line is refused.</summary>
    public static ClearanceOutcome? Exemption(IReadOnlyList<AssessedLine> lines, CaseFile file, ReturnsDomainOptions options) =>
        lines.Any(l => l.Clearance.Refused) ? null : ClearanceCalculator.Compute(file.CurrentDeclarations, options.Holidays);
}
