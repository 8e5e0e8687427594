using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using ExportTaxCheck.Engine.Notifications;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Tests.Notifications;

/// <summary>
/// Template files are kept in memory between messages, and an analyst's edit still applies to the next message: a file is
/// read again as soon as it changed on disk.
/// </summary>
public sealed class NotificationTemplatesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("etc-templates-").FullName;
    private readonly NotificationTemplates _templates;

    public NotificationTemplatesTests()
    {
        _templates = new NotificationTemplates(
            Options.Create(new MailOptions { TemplateDirectory = _directory }),
            new LiquidEvaluator(Options.Create(new LiquidOptions()), TimeProvider.System));
        Write("case-received.subject.liquid", "Case {{ caseId }} received");
        Write("case-received.text.liquid", "Dear {{ exporterName }}");
        Write("case-received.html.liquid", "<p>Dear {{ exporterName }}</p>");
        Write(NotificationTemplates.Layout, "<html>{{ body }}</html>");
    }

    private static JsonObject Model => new() { ["caseId"] = "RC-1", ["exporterName"] = "蓝波贸易" };

    [Fact]
    public async Task Render_AfterAnEdit_UsesTheEditedFile()
    {
        var before = await _templates.RenderAsync("case-received", Model, default);
        Write("case-received.text.liquid", "Dear {{ exporterName }}, your case {{ caseId }} is with customs");
        Write(NotificationTemplates.Layout, "<html><body>{{ body }}</body></html>");
        var after = await _templates.RenderAsync("case-received", Model, default);

        Assert.Equal("Case RC-1 received", before.Subject);
        Assert.Equal("Dear 蓝波贸易", before.Text);
        Assert.Equal("<html><p>Dear 蓝波贸易</p></html>", before.Html);
        Assert.Equal("Dear 蓝波贸易, your case RC-1 is with customs", after.Text);
        Assert.Equal("<html><body><p>Dear 蓝波贸易</p></body></html>", after.Html);
    }

    [Fact]
    public async Task Render_ATemplateDeletedSinceTheLastMessage_IsMissing()
    {
        await _templates.RenderAsync("case-received", Model, default);
        File.Delete(Path.Combine(_directory, "case-received.text.liquid"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => _templates.RenderAsync("case-received", Model, default));
    }

    [Fact]
    public void Uses_ANameInAnyPartOrTheLayout_IsSeenAndAnEditThatStartsUsingOneCounts()
    {
        Assert.True(_templates.Load("case-received").Uses("exporterName"));
        Assert.True(_templates.Load("case-received").Uses("body"));
        Assert.False(_templates.Load("case-received").Uses("details"));

        Write("case-received.text.liquid", "Dear {{ exporterName }}, HS {{ details.lines[0].hsCode }}");

        Assert.True(_templates.Load("case-received").Uses("details"));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
