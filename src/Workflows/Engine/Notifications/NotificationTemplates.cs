using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ExportTaxCheck.Engine.Expressions;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Engine.Notifications;

/// <summary>
/// The notification templates: for each notification <c>{key}.subject.liquid</c>, <c>{key}.text.liquid</c> and
/// <c>{key}.html.liquid</c> in the template folder, each in Chinese and English, and <c>_layout.html.liquid</c> around
/// every HTML part. A file is read again when its last-write time or length changes, so an analyst's edit applies to the next message.
/// </summary>
public sealed class NotificationTemplates(IOptions<MailOptions> options, LiquidEvaluator liquid)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, string Text)> _files = new(StringComparer.Ordinal);

    public const string Layout = "_layout.html.liquid";
    public static readonly string[] Parts = ["subject", "text", "html"];

    public string Directory => options.Value.TemplateDirectory;

    public Task<RenderedMail> RenderAsync(string key, JsonObject model, CancellationToken ct) => RenderAsync(Load(key), model, ct);

    public async Task<RenderedMail> RenderAsync(NotificationTemplateSet templates, JsonObject model, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var values = (IDictionary<string, object?>)LiquidEvaluator.ToLiquid(model)!;
        var subject = (await liquid.RenderAsync(templates.Subject, values, ct)).Trim();
        var text = await liquid.RenderAsync(templates.Text, values, ct);
        var body = await liquid.RenderAsync(templates.Html, values, ct);
        var html = templates.Layout is { } layout
            ? await liquid.RenderAsync(layout, new Dictionary<string, object?>(values) { ["body"] = body, ["subject"] = subject }, ct)
            : body;
        return new RenderedMail(subject, text, html);
    }

    /// <summary>
    /// The templates of the notification <paramref name="key"/> as they are on disk now (each file read again only when
    /// it changed), so an analyst's edit applies to the next message.
    /// </summary>
    public NotificationTemplateSet Load(string key) =>
        new(Read(key, "subject"), Read(key, "text"), Read(key, "html"), Read(Path.Combine(Directory, Layout)));

    /// <summary>Missing files and Liquid syntax errors of the given notification keys (checked at start and by the tests).</summary>
    public IReadOnlyList<string> Check(IEnumerable<string> keys)
    {
        var problems = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
            return [$"The template folder '{Directory}' does not exist."];
        foreach (var file in keys.SelectMany(k => Parts.Select(p => $"{k}.{p}.liquid")).Append(Layout))
        {
            var path = Path.Combine(Directory, file);
            if (!File.Exists(path))
                problems.Add($"{file} is missing.");
            else if (liquid.CheckSyntax(File.ReadAllText(path)) is { } error)
                problems.Add($"{file}: {error}");
        }
        return problems;
    }

    private string Read(string key, string part)
    {
        if (key.Any(c => !char.IsLetterOrDigit(c) && c != '-'))
            throw new InvalidOperationException($"'{key}' is not a template name.");
        var path = Path.Combine(Directory, $"{key}.{part}.liquid");
        return Read(path) ?? throw new FileNotFoundException($"Notification template '{key}.{part}.liquid' is missing from '{Directory}'.", path);
    }

    /// <summary>The text of a template file, null when it does not exist; read again when its last-write time or length changed.</summary>
    private string? Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return null;
        var written = file.LastWriteTimeUtc;
        if (_files.TryGetValue(path, out var cached) && cached.Written == written && cached.Length == file.Length)
            return cached.Text;
        var text = File.ReadAllText(path);
        _files[path] = (written, file.Length, text);
        return text;
    }
}
