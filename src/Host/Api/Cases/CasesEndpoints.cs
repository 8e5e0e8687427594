using System.Security.Claims;
using System.Text.Json;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Security;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Holds;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ExportTaxCheck.Host.Api.Cases;

/// <summary>
/// The return-case API under <c>/api/cases</c>. Exporters act on their own enterprise's cases only; officers and
/// analysts read every case. Commands that move the flow take an <c>Idempotency-Key</c> header.
/// </summary>
public static class CasesEndpoints
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases").ProducesAuthProblems();
        cases.MapPost("", CreateAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 409, 413, 422);
        cases.MapGet("", ListAsync).RequireAuthorization(Extensions.CaseReaderPolicy).ProducesProblems(400);
        cases.MapGet("/{caseId}", GetAsync).RequireAuthorization(Extensions.CaseReaderPolicy).ProducesProblems(404);
        cases.MapPost("/{caseId}/documents", UploadAsync).RequireAuthorization(Extensions.ExporterPolicy).DisableAntiforgery().ProducesProblems(400, 404, 409, 413);
        // The file goes out under the type its bytes showed at upload (one of EvidenceFileTypes), so the document can only call it binary.
        cases.MapGet("/{caseId}/documents/{docId:guid}/content", DownloadAsync).RequireAuthorization(Extensions.CaseReaderPolicy)
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblems(404);
        // The same file shown inline in the task page's frame: PDF and images only, framed by this origin only.
        cases.MapGet("/{caseId}/documents/{docId:guid}/preview", PreviewAsync).RequireAuthorization(Extensions.CaseReaderPolicy)
            .WithMetadata(ContentSecurityPolicy.EvidencePreview)
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf").ProducesProblems(404, 415);
        cases.MapPost("/{caseId}/documents/{docId:guid}/decision", DecideDocumentAsync).RequireAuthorization(Extensions.OfficerPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/withdraw", WithdrawAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 422);
        cases.MapPost("/{caseId}/return-declarations", FileDeclarationAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/certificates/{certificateNo}/cancel", CancelCertificateAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/certificates/{certificateNo}/reissue", ReissueCertificateAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413);
        cases.MapPost("/{caseId}/paper-certificates", SubmitPaperAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/certificate-applications", ApplyAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/lines/{lineNo:int}/correction", CorrectLineAsync).RequireAuthorization(Extensions.ExporterPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/hold", HoldAsync).RequireAuthorization(Extensions.OfficerPolicy).ProducesProblems(400, 404, 409, 413, 422);
        cases.MapPost("/{caseId}/release", ReleaseAsync).RequireAuthorization(Extensions.SupervisorPolicy).ProducesProblems(400, 404, 409, 413, 422);
        return app;
    }

    private static long MaxBody(IOptions<ReturnsOptions> options) => options.Value.MaxDocumentBytes * 4 / 3 + 1024 * 1024;

    private static async Task<Created<CaseView>> CreateAsync(HttpRequest request, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, CaseService cases, CaseQueries queries, IOptions<ReturnsOptions> options, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<CreateCaseRequest>(request, MaxBody(options) * 2, ct);
        // A malformed USCC is the request's fault (400 from validation); a valid one of another enterprise is a 403.
        if (Enterprise(user) is { } enterprise && body.ExporterUscc != enterprise && Identifiers.IsValidUscc(body.ExporterUscc))
            throw new ForbiddenException("ENTERPRISE_MISMATCH", $"This key acts for {enterprise}; it cannot open a case for {body.ExporterUscc}.");
        var caseId = await cases.CreateAsync(body, RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Created($"/api/cases/{caseId}", await queries.GetAsync(caseId, ct));
    }

    private static async Task<Ok<CasePage>> ListAsync(ClaimsPrincipal user, CaseQueries queries, string? status, string? exporterUscc, DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        // An exporter lists its own enterprise's cases whatever it asks for.
        var exporter = Enterprise(user) ?? exporterUscc;
        return TypedResults.Ok(await queries.ListAsync(new CaseFilter(status, exporter, createdFrom, createdTo, search, page ?? 1, pageSize ?? 20), ct));
    }

    private static async Task<Ok<CaseView>> GetAsync(string caseId, ClaimsPrincipal user, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static async Task<Created<DocumentAddedResponse>> UploadAsync(string caseId, HttpRequest request, ClaimsPrincipal user, CaseService cases, CaseQueries queries,
        IOptions<ReturnsOptions> options, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var max = options.Value.MaxDocumentBytes;
        DocumentRequest metadata;
        UploadedFile? upload = null;
        if (request.HasFormContentType)
        {
            if (request.ContentLength > max + 1024 * 1024)
                throw new PayloadTooLargeException(max);
            var form = await RequestReading.ReadFormAsync(request, ct);
            var json = form["metadata"].ToString();
            if (string.IsNullOrWhiteSpace(json))
                throw new InvalidRequestException("METADATA_REQUIRED", "Send the document metadata as the form field 'metadata' (JSON).");
            try
            {
                metadata = JsonSerializer.Deserialize<DocumentRequest>(json, ReturnsJson.Requests) ?? throw new JsonException("empty");
            }
            catch (JsonException ex)
            {
                throw new InvalidRequestException("REQUEST_MALFORMED", $"The metadata is not valid JSON: {ex.Message.Split('\n')[0]}");
            }
            if (form.Files.Count > 0)
            {
                var file = form.Files[0];
                if (file.Length > max)
                    throw new PayloadTooLargeException(max);
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                upload = new UploadedFile(Path.GetFileName(file.FileName), string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType, buffer.ToArray());
            }
        }
        else
        {
            metadata = await RequestReading.ReadAsync<DocumentRequest>(request, MaxBody(options), ct);
        }
        var docId = await cases.AddDocumentAsync(caseId, metadata, upload, ct);
        return TypedResults.Created($"/api/cases/{caseId}/documents/{docId}/content", new DocumentAddedResponse(docId, caseId));
    }

    private static async Task<FileContentHttpResult> DownloadAsync(string caseId, Guid docId, ClaimsPrincipal user, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var file = await queries.GetFileAsync(caseId, docId, ct);
        return TypedResults.File(file.Content, EvidenceFileTypes.ForDownload(file.ContentType), file.FileName);
    }

    private static async Task<IResult> PreviewAsync(string caseId, Guid docId, ClaimsPrincipal user, CaseQueries queries, HttpResponse response, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var file = await queries.GetFileAsync(caseId, docId, ct);
        var type = EvidenceFileTypes.ForDownload(file.ContentType);
        if (!EvidenceFileTypes.Previewable.Contains(type))
            throw new UnsupportedMediaTypeException("DOCUMENT_NOT_PREVIEWABLE", "Only PDF, JPEG and PNG files are shown in the page; download this one.");
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = file.FileName }.ToString();
        return TypedResults.File(file.Content, type);
    }

    private static async Task<Ok<CaseView>> DecideDocumentAsync(string caseId, Guid docId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseService cases, CaseQueries queries, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<DocumentDecisionRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await cases.DecideDocumentAsync(caseId, docId, body.Accepted, user.Identity?.Name ?? "officer", ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static async Task<Ok<CaseView>> WithdrawAsync(string caseId, [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey,
        ClaimsPrincipal user, CaseService cases, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        await cases.WithdrawAsync(caseId, RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static async Task<Ok<CaseView>> FileDeclarationAsync(string caseId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseService cases, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var declaration = await RequestReading.ReadAsync<ReturnDeclaration>(request, RequestReading.MaxJsonBodyBytes, ct);
        await cases.FileDeclarationAsync(caseId, declaration, ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static async Task<Ok<CaseView>> CancelCertificateAsync(string caseId, string certificateNo, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CertificateCommands certificates, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var body = request.ContentLength is null or 0 && !request.Headers.ContentType.Any() ? new CancelCertificateRequest()
            : await RequestReading.ReadAsync<CancelCertificateRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await certificates.CancelAsync(caseId, certificateNo, body, ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static async Task<Ok<ReissueCertificateResponse>> ReissueCertificateAsync(string caseId, string certificateNo, HttpRequest request, ClaimsPrincipal user,
        CertificateCommands certificates, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var body = request.ContentLength is null or 0 && !request.Headers.ContentType.Any() ? new ReissueCertificateRequest()
            : await RequestReading.ReadAsync<ReissueCertificateRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        var replacement = await certificates.ReissueAsync(caseId, certificateNo, body, ct);
        return TypedResults.Ok(new ReissueCertificateResponse(replacement, await queries.GetAsync(caseId, ct)));
    }

    private static async Task<Ok<CaseView>> SubmitPaperAsync(string caseId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseService cases, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var body = await RequestReading.ReadAsync<PaperCertificateRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await cases.SubmitPaperCertificateAsync(caseId, body, ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    /// <summary>§5.5: the exporter's certificate application (variant and refund status as it states them).</summary>
    private static async Task<Ok<CaseView>> ApplyAsync(string caseId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseService cases, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var body = await RequestReading.ReadAsync<CertificateApplicationRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await cases.SubmitApplicationAsync(caseId, body, ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    /// <summary>§2.5, E-05/E-06: the exporter corrects a line's quantity (screening runs again) or dates (the deadline watch re-screens).</summary>
    private static async Task<Ok<CaseView>> CorrectLineAsync(string caseId, int lineNo, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, LineCorrections corrections, CaseQueries queries, CancellationToken ct)
    {
        await EnsureAccessAsync(caseId, user, queries, ct);
        var body = await RequestReading.ReadAsync<LineCorrectionRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await corrections.CorrectAsync(caseId, lineNo, body, ct, RequestReading.IdempotencyKey(idempotencyKey, user));
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    /// <summary>E-21: an officer or supervisor puts any case on hold with a reason (FRAUD_REFERRAL).</summary>
    private static async Task<Ok<CaseView>> HoldAsync(string caseId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseHolds holds, CaseQueries queries, CancellationToken ct)
    {
        var body = await RequestReading.ReadAsync<HoldRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await holds.PlaceAsync(caseId, body, user.Identity?.Name ?? "officer", RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    /// <summary>E-21: a supervisor releases a held case; it goes on where it was.</summary>
    private static async Task<Ok<CaseView>> ReleaseAsync(string caseId, HttpRequest request,
        [FromHeader(Name = RequestReading.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, CaseHolds holds, CaseQueries queries, CancellationToken ct)
    {
        var body = request.ContentLength is null or 0 && !request.Headers.ContentType.Any() ? new ReleaseRequest()
            : await RequestReading.ReadAsync<ReleaseRequest>(request, RequestReading.MaxJsonBodyBytes, ct);
        await holds.ReleaseAsync(caseId, body, user.Identity?.Name ?? "supervisor", RequestReading.IdempotencyKey(idempotencyKey, user), ct);
        return TypedResults.Ok(await queries.GetAsync(caseId, ct));
    }

    private static string? Enterprise(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Exporter) ? user.FindFirstValue(Roles.EnterpriseClaim) ?? throw new ForbiddenException("ENTERPRISE_MISSING", "This exporter key names no enterprise.") : null;

    /// <summary>An exporter sees only its enterprise's cases; another enterprise's case answers 404, as if it did not exist.</summary>
    private static async Task EnsureAccessAsync(string caseId, ClaimsPrincipal user, CaseQueries queries, CancellationToken ct)
    {
        var owner = await queries.ExporterOfAsync(caseId, ct) ?? throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
        if (Enterprise(user) is { } enterprise && enterprise != owner)
            throw new NotFoundException($"Case '{caseId}' does not exist.", "CASE_NOT_FOUND");
    }
}
