using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Returns.Persistence;
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

    private static async Task<Ok<ExportLinesLoadedResponse>> LoadAsync(HttpRequest request, IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock, CancellationToken ct)
    {
        var file = await RequestReading.ReadAsync<ExportLineFile>(request, MaxExportLineFileBytes, ct);
        var written = await LoadExportLinesAsync(dbFactory, file, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new ExportLinesLoadedResponse(written));
    }

    private static async Task<Ok<ExportLineData>> GetAsync(string exportDocNo, int itemNo, IDbContextFactory<WorkflowDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TypedResults.Ok(await ReferenceData.FindAsync(db, exportDocNo, itemNo, ct)
                               ?? throw new NotFoundException($"Export line {exportDocNo}/{itemNo} is not in the reference data.", "EXPORT_LINE_NOT_FOUND"));
    }

    public static async Task<int> LoadExportLinesAsync(IDbContextFactory<WorkflowDbContext> dbFactory, ExportLineFile file, DateTimeOffset now, CancellationToken ct)
    {
        var lines = file.ExportLines ?? [];
        if (lines.Any(l => l?.Export is null || string.IsNullOrWhiteSpace(l.Export.ExportReference) || l.Export.ExportedQty <= 0))
            throw new InvalidRequestException("EXPORT_LINE_INVALID", "Every export line needs its document number, item number and an exported quantity above zero.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var written = await ReferenceData.UpsertAsync(db, lines, now, ct);
        await db.SaveChangesAsync(ct);
        return written;
    }
}
