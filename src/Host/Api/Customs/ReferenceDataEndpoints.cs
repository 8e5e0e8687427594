using System.Security.Claims;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.RefundDeclarations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Host.Api.Customs;

/// <summary>The reference data enrichment under <c>/api/reference-data</c>: export lines loaded from a file, and read one by one.</summary>
public static class ReferenceDataEndpoints
{
    /// <summary>Export line files are large by nature: a whole customs export of declarations.</summary>
    private const long MaxExportLineFileBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup("/api/reference-data").RequireAuthorization(Extensions.ReferenceDataPolicy).WithTags("Reference data").ProducesAuthProblems();
        reference.MapPost("/export-lines", LoadAsync).ProducesProblems(400, 413);
        reference.MapGet("/export-lines/{exportDocNo}/{itemNo:int}", GetAsync).ProducesProblems(404);
        return app;
    }

    private static async Task<Ok<ExportLinesLoadedResponse>> LoadAsync(HttpRequest request, ClaimsPrincipal user, RefundDeclarationService refunds, CancellationToken ct)
    {
        var file = await RequestReading.ReadAsync<ExportLineFile>(request, MaxExportLineFileBytes, ct);
        var (written, refused) = await LoadExportLinesAsync(refunds, file, user.Identity?.Name ?? "reference data", ct);
        return TypedResults.Ok(new ExportLinesLoadedResponse(written, refused));
    }

    private static async Task<Ok<ExportLineData>> GetAsync(string exportDocNo, int itemNo, IDbContextFactory<WorkflowDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TypedResults.Ok(await ReferenceData.FindAsync(db, exportDocNo, itemNo, ct)
                               ?? throw new NotFoundException($"Export line {exportDocNo}/{itemNo} is not in the reference data.", "EXPORT_LINE_NOT_FOUND"));
    }

    /// <summary>E-15: a refund record in the file goes through the refund lock like a refund declaration (see <see cref="RefundDeclarationService"/>).</summary>
    public static async Task<(int Written, IReadOnlyList<RefundClaimResult> Refused)> LoadExportLinesAsync(RefundDeclarationService refunds, ExportLineFile file, string actor,
        CancellationToken ct)
    {
        var lines = file.ExportLines ?? [];
        if (lines.Any(l => l?.Export is null || string.IsNullOrWhiteSpace(l.Export.ExportReference) || l.Export.ExportedQty <= 0))
            throw new InvalidRequestException("EXPORT_LINE_INVALID", "Every export line needs its document number, item number and an exported quantity above zero.");
        // The keys are stored in bounded columns (document number 32, USCC 18): a longer value is refused, not cut.
        if (lines.Any(l => l.Export.ExportReference.Length > 32 || string.IsNullOrWhiteSpace(l.Export.ExporterUscc) || l.Export.ExporterUscc.Length > 18))
            throw new InvalidRequestException("EXPORT_LINE_INVALID", "An export document number has at most 32 characters and the exporter's USCC 18.");
        if (lines.GroupBy(l => (l.Export.ExportReference, l.Export.ItemNo)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidRequestException("EXPORT_LINE_INVALID", $"Export line {twice.Key.ExportReference}/{twice.Key.ItemNo} appears more than once.");
        return await refunds.LoadExportLinesAsync(lines, actor, ct);
    }
}
