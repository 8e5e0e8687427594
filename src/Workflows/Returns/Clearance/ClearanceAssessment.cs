using ExportTaxCheck.Returns.CustomsGateway;
using Microsoft.EntityFrameworkCore;

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
        var numbers = declarations.Select(d => d.CertificateNo).ToList();
        var pushes = await db.Set<CertificateStatusUpdateRecord>().AsNoTracking()
            .Where(u => numbers.Contains(u.CertificateNo) && u.Kind == StatusUpdateKind.RefundStatus).Select(u => u.CertificateNo)
            .ToListAsync(ct);
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

    /// <summary>The exemption the lines would get: null while any line is refused.</summary>
    public static ClearanceOutcome? Exemption(IReadOnlyList<AssessedLine> lines, CaseFile file, ReturnsDomainOptions options) =>
        lines.Any(l => l.Clearance.Refused) ? null : ClearanceCalculator.Compute(file.CurrentDeclarations, options.Holidays);
}
