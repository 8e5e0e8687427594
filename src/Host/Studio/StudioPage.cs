using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ExportTaxCheck.Host.Pages;

namespace ExportTaxCheck.Host.Studio;

/// <summary>
/// Our own page around Elsa Studio's custom elements: no external fonts or links, base href at the mount path, Studio
/// pointed at this Host's API with the analyst key. Five views: the definitions list (rendered here, so it shows before
/// the WebAssembly runtime has loaded), the editor of one definition, Studio's own definitions list, Studio's list of
/// workflow instances and its viewer of one instance (path, journal, activity details).
/// </summary>
public sealed class StudioPage(string backend, string apiKey, string mount, string script, string styles)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string DisplayName(DefinitionSummary definition) => DisplayName(definition.DefinitionId, definition.Name);

    private static string DisplayName(string definitionId, string? name) => string.IsNullOrWhiteSpace(name) ? definitionId : name;

    public string List(StudioListing listing, string? notice)
    {
        var rows = listing.Rows;
        var html = new StringBuilder();
        html.Append("""<section id="studio-list" aria-labelledby="studio-list-heading"><header><h1 id="studio-list-heading">Workflow definitions</h1>""");
        html.Append($"""<a href="{Encoder.Encode(mount)}?view=definitions">Create, import or delete in Studio's list</a></header>""");
        if (notice is not null)
            html.Append($"""<p class="notice" role="alert">{Encoder.Encode(notice)}</p>""");
        if (rows.Count == 0)
        {
            html.Append("""<p class="empty">No workflow definitions yet. Create one in Studio's list, or put Elsa JSON files in the workflow folder.</p>""");
        }
        else
        {
            html.Append("<table><thead><tr><th>Name</th><th>Definition ID</th><th>Latest version</th><th>Published version</th><th>Saved</th></tr></thead><tbody>");
            foreach (var (latest, published) in rows)
            {
                var name = DisplayName(latest);
                html.Append($"""<tr data-definition-id="{Encoder.Encode(latest.DefinitionId)}" data-name="{Encoder.Encode(name)}">""");
                html.Append($"""<td><a href="{Encoder.Encode(EditorAddress(latest.DefinitionId))}">{Encoder.Encode(name)}</a>""");
                if (!string.IsNullOrWhiteSpace(latest.Description))
                    html.Append($"""<div class="description">{Encoder.Encode(latest.Description)}</div>""");
                html.Append($"""</td><td data-label="ID"><code>{Encoder.Encode(latest.DefinitionId)}</code></td>""");
                html.Append(latest.IsPublished
                    ? $"""<td data-label="Latest">v{latest.Version}</td>"""
                    : $"""<td data-label="Latest">v{latest.Version} <span class="draft">draft</span></td>""");
                html.Append($"""<td data-label="Published">{(published is { } version ? $"v{version}" : "—")}</td>""");
                html.Append($"""<td data-label="Saved">{Encoder.Encode(Display.Time(latest.CreatedAt))}</td></tr>""");
            }
            html.Append("</tbody></table>");
            if (listing.Total > rows.Count)
                html.Append(CultureInfo.InvariantCulture, $"""<p class="notice">The first {rows.Count} of {listing.Total} definitions; Studio's list pages through all of them.</p>""");
        }
        html.Append("</section>");
        return Page("Workflow definitions", "list", null, null, html.ToString());
    }

    public string Editor(string definitionId, string? name) =>
        Page(DisplayName(definitionId, name), "editor", definitionId, name, "");

    public string StudioList() => Page("Studio's definitions list", "definitions", null, null, "");

    public string Instances() => Page("Workflow instances", "instances", null, null, "");

    public string Instance(string instanceId, string? name) => Page($"Instance {name ?? instanceId}", "instance", null, null, "", instanceId);

    private string EditorAddress(string definitionId) => $"{mount}?definitionId={Uri.EscapeDataString(definitionId)}";

    private string Page(string title, string view, string? definitionId, string? name, string content, string? instanceId = null)
    {
        // A JSON script block: the serializer's default encoder escapes "<", so no value can end the block.
        var json = JsonSerializer.Serialize(new { remoteEndpoint = backend, apiKey, mount, view, definitionId, name, instanceId });
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8"/>
              <meta name="viewport" content="width=device-width, initial-scale=1.0"/>
              <title>{{Encoder.Encode(title)}} · ExportTaxCheck Studio</title>
              <link rel="icon" href="data:,"/>
              <base href="{{Encoder.Encode(mount)}}/"/>
              <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet"/>
              <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet"/>
              <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet"/>
              <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet"/>
              <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet"/>
              <link href="{{Encoder.Encode(styles)}}" rel="stylesheet"/>
            </head>
            <body data-studio="starting">
            <nav id="studio-bar" data-view="list"><strong>ExportTaxCheck Studio</strong><a id="studio-back" href="{{Encoder.Encode(mount)}}">All workflow definitions</a><a id="studio-instances" href="{{Encoder.Encode(mount)}}?view=instances">Workflow instances</a><span id="studio-title"></span><span id="studio-state" role="status"></span></nav>
            <main id="studio">{{content}}</main>
            <div id="blazor-error-ui">An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">🗙</a></div>
            <script type="application/json" id="studio-config">{{json}}</script>
            <script src="{{Encoder.Encode(script)}}"></script>
            <script src="_content/BlazorMonaco/jsInterop.js"></script>
            <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js"></script>
            <script src="_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js"></script>
            <script src="_content/MudBlazor/MudBlazor.min.js"></script>
            <script src="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js"></script>
            <script src="_content/Radzen.Blazor/Radzen.Blazor.js"></script>
            <script src="_framework/blazor.webassembly.js"></script>
            </body>
            </html>
            """;
    }
}
