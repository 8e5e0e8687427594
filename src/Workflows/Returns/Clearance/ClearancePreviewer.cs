using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>For the clearance task page: the facts the exporter declared per line (the form starts from them) and the outcome an inspection would give.</summary>
public sealed class ClearancePreviewer(IDbContextFactory<WorkflowDbContext> dbFactory, PolicyTable policies, ReturnsDomainOptions options)
{
    /// <summary>Each active line with the facts it carries now and the entry date it would be judged by; null when the case does not exist.</summary>
    public async Task<IReadOnlyList<(ReturnCaseLine Line, DateOnly? EntryDate)>?> LinesAsync(string caseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CaseSession.LoadAsync(db, caseId, ct) is not { } session)
            return null;
        var declarations = session.File.CurrentDeclarations;
        return session.File.ActiveLines
            .Select(l => (l, declarations.FirstOrDefault(d => d.RelatedExportDeclarationNo == l.Export.ExportReference)?.EntryDate ?? l.ReturnEntryDate))
            .ToList();
    }

    public async Task<ClearancePreview?> PreviewAsync(string caseId, IReadOnlyDictionary<int, InspectedLine> inspections, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CaseSession.LoadAsync(db, caseId, ct) is not { } session)
            return null;
        var lines = await ClearanceAssessment.AssessAsync(db, session.File, inspections, policies, options, ct);
        return new ClearancePreview(lines.Select(l => l.Clearance).ToList(), ClearanceAssessment.Exemption(lines, session.File, options));
    }
}
