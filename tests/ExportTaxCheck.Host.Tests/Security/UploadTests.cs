using System.Net;
using System.Text;
using ExportTaxCheck.Engine.Persistence;
using ExportTaxCheck.Host.Tests.Returns;
using ExportTaxCheck.Host.Tests.Support;
using ExportTaxCheck.Returns.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExportTaxCheck.Host.Tests.Security;

/// <summary>
/// An upload cannot choose how it is served back: only PDF, JPEG, PNG, TIFF and OFD bytes are taken, a declared type must
/// be what the bytes are, a type with CR/LF is refused, and a download goes out under the type the bytes showed, with
/// nosniff, as an attachment.
/// </summary>
public sealed class UploadTests : IAsyncLifetime
{
    private const string Decl = "530020260017890123";
    private readonly HostFixture _host = new HostFixture().WithProductFlows();
    private CaseDriver _cases = null!;
    private string _caseId = "";

    public async Task InitializeAsync()
    {
        _cases = new CaseDriver(_host);
        await _cases.LoadAsync(CaseDriver.ExportLine(Decl, 1, "9810", "2026-03-10", "2026-03-12", "8518300000", 2000));
        _caseId = (await _cases.CreateAsync(CaseDriver.Case([CaseDriver.Line(Decl, 500, "Unsold", "2026-08-20")],
            [CaseDriver.Document("SelfDeclaration", Decl, 500), CaseDriver.Document("ExportDeclaration", Decl)])))["caseId"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string? contentType, string fileName = "evidence.pdf")
    {
        var document = CaseDriver.Document("OtherReturnEvidence", Decl);
        document["fileName"] = fileName;
        document["contentBase64"] = Convert.ToBase64String(content);
        if (contentType is null)
            document.Remove("contentType");
        else
            document["contentType"] = contentType;
        return await _cases.Exporter.PostAsync($"/api/cases/{_caseId}/documents", HttpJson.Json(document));
    }

    [Theory]
    [InlineData("<html><script>alert(document.cookie)</script></html>", "text/html", "DOCUMENT_TYPE_NOT_ALLOWED")]
    [InlineData("<html><script>alert(document.cookie)</script></html>", null, "DOCUMENT_TYPE_NOT_ALLOWED")]
    [InlineData("%PDF-1.7 a real pdf", "text/html", "DOCUMENT_TYPE_NOT_ALLOWED")]
    [InlineData("%PDF-1.7 a real pdf", "application/pdf\r\nSet-Cookie: x=1", "FIELD_INVALID")]
    public async Task Upload_NotAnAllowedFileOrMislabelled_IsRefused(string content, string? contentType, string code)
    {
        using var response = await UploadAsync(Encoding.UTF8.GetBytes(content), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_FileNameWithCrLf_IsRefused()
    {
        using var response = await UploadAsync("%PDF-1.7 x"u8.ToArray(), "application/pdf", "a\r\nContent-Type: text/html.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_PdfWithoutADeclaredType_IsServedBackAsPdf_NosniffAndAttachment()
    {
        using var created = await UploadAsync("%PDF-1.7 evidence"u8.ToArray(), null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var download = await _cases.Customs.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task Preview_OfAPdf_IsInline_AndOnlyThisOriginMayFrameIt()
    {
        using var created = await UploadAsync("%PDF-1.7 evidence"u8.ToArray(), "application/pdf");
        var preview = created.Headers.Location!.ToString().Replace("/content", "/preview", StringComparison.Ordinal);

        using var shown = await _cases.Customs.GetAsync(preview);
        using var download = await _cases.Customs.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("application/pdf", shown.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", shown.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("SAMEORIGIN", shown.Headers.GetValues("X-Frame-Options").Single());
        var policy = shown.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", download.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_OfATiff_Is415_AndOfAnUnknownDocument_404()
    {
        using var created = await UploadAsync([0x49, 0x49, 0x2A, 0x00, 1, 2, 3], "image/tiff", "scan.tif");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var tiff = await _cases.Customs.GetAsync(created.Headers.Location!.ToString().Replace("/content", "/preview", StringComparison.Ordinal));
        using var unknown = await _cases.Customs.GetAsync($"/api/cases/{_caseId}/documents/{Guid.NewGuid()}/preview");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, tiff.StatusCode);
        Assert.Equal("DOCUMENT_NOT_PREVIEWABLE", (await tiff.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task StoredBeforeTheAllowList_HtmlOrCrLfType_DownloadsAsPlainBytes_Not500()
    {
        var view = await _cases.GetAsync(_caseId);
        var docId = view["documents"]!.AsArray().First(d => d!["type"]!.GetValue<string>() == "SelfDeclaration")!["docId"]!.GetValue<string>();
        var factory = _host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var id = Guid.Parse(docId).ToString("N");
            await db.Set<EvidenceFileRecord>().Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.ContentType, "text/html\r\nX-Evil: 1"));
        }

        using var download = await _cases.Customs.GetAsync($"/api/cases/{_caseId}/documents/{docId}/content");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.False(download.Headers.Contains("X-Evil"));
    }

    [Fact]
    public async Task Upload_Multipart_TakesTheTypeOfTheBytes()
    {
        var metadata = CaseDriver.Document("OtherReturnEvidence", Decl);
        metadata.Remove("contentBase64");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(metadata.ToJsonString()), "metadata" },
        };
        var file = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html");
        form.Add(file, "file", "scan.png");

        using var response = await _cases.Exporter.PostAsync($"/api/cases/{_caseId}/documents", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not what the file is (image/png)", (await response.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
