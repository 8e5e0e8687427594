using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Engine.Problems;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ExportTaxCheck.Host.Api;

/// <summary>
/// The built-in customs and tax ends of the certificate interfaces (<c>/customs/api</c>, <c>/tax/api</c>), called by
/// the gateway with a System key; and the reference data enrichment reads (<c>/api/reference-data</c>).
/// </summary>
public static class CustomsEndpoints
{
    public static IEndpointRouteBuilder MapCustomsAndTax(this IEndpointRouteBuilder app)
    {
        var customs = app.MapGroup("/customs/api").RequireAuthorization(Extensions.SystemPolicy).WithTags("Customs (built-in)");
        customs.MapPost("/certificate-transmissions", async (HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
        {
            var message = await RequestReading.ReadAsync<CertificateMessage>(request, RequestReading.MaxJsonBodyBytes, ct);
            var ack = await desk.ReceiveCertificateAsync(message, ct);
            return ack.Status == AckStatus.Ack ? Results.Ok(ack) : Results.UnprocessableEntity(ack);
        });
        customs.MapPost("/cross-checks", async (HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
            await desk.CrossCheckAsync(await RequestReading.ReadAsync<CrossCheckRequest>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

        var tax = app.MapGroup("/tax/api").RequireAuthorization(Extensions.SystemPolicy).WithTags("Tax (built-in)");
        tax.MapPost("/usage-feedback", async (HttpRequest request, BuiltInCustoms desk, CancellationToken ct) =>
            await desk.ReceiveUsageFeedbackAsync(await RequestReading.ReadAsync<UsageFeedbackMessage>(request, RequestReading.MaxJsonBodyBytes, ct), ct));

        var reference = app.MapGroup("/api/reference-data").RequireAuthorization(Extensions.ReferenceDataPolicy).WithTags("Reference data");
        reference.MapPost("/export-lines", async (HttpRequest request, IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider clock, CancellationToken ct) =>
        {
            var file = await RequestReading.ReadAsync<ExportLineFile>(request, 16 * 1024 * 1024, ct);
            var written = await LoadExportLinesAsync(dbFactory, file, clock.GetUtcNow(), ct);
            return Results.Ok(new { written });
        });
        reference.MapGet("/export-lines/{exportDocNo}/{itemNo:int}", async (string exportDocNo, int itemNo, IDbContextFactory<WorkflowDbContext> dbFactory, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await ReferenceData.FindAsync(db, exportDocNo, itemNo, ct)
                   ?? throw new NotFoundException($"Export line {exportDocNo}/{itemNo} is not in the reference data.", "EXPORT_LINE_NOT_FOUND");
        });
        return app;
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
