using System.Text.Json;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Studio;

public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The folder of the npm package @elsa-workflows/elsa-studio-wasm; found under src/Designer when empty.</summary>
    public string? BundleDirectory { get; set; }

    /// <summary>The API key the browser's Studio sends; defaults to the first key with the Analyst role.</summary>
    public string? ApiKey { get; set; }
}

/// <summary>
/// Serves the real Elsa Studio (Blazor WebAssembly custom elements) at /studio, pointed at this Host. The page carries
/// the analyst API key Studio sends, so it opens only for a signed-in analyst; the bundle's static files are public.
/// </summary>
public static class StudioEndpoints
{
    public const string Mount = "/studio";
    private const string PackagePath = "src/Designer/node_modules/@elsa-workflows/elsa-studio-wasm";

    public static WebApplication MapStudio(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StudioOptions>>().Value;
        var bundle = FindBundle(app.Environment.ContentRootPath, options.BundleDirectory);
        if (bundle is null)
        {
            app.Logger.LogWarning("Elsa Studio bundle not found (run npm ci in src/Designer); /studio is not served");
            return app;
        }

        app.MapGet(Mount, (HttpContext context, IOptions<ApiKeyOptions> keys, [Microsoft.AspNetCore.Mvc.FromQuery] string? definitionId) =>
            Results.Content(IndexHtml(Backend(context), StudioKey(options, keys.Value), definitionId), "text/html; charset=utf-8"))
            .RequireAuthorization(Extensions.StudioPolicy);
        app.MapGet(Mount + "/appsettings.json", (HttpContext context, IOptions<ApiKeyOptions> keys) =>
            Results.Json(new { Backend = new { Url = Backend(context), ApiKey = StudioKey(options, keys.Value) } }, new JsonSerializerOptions()))
            .RequireAuthorization(Extensions.StudioPolicy);

        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".dat"] = "application/octet-stream";
        contentTypes.Mappings[".wasm"] = "application/wasm";
        contentTypes.Mappings[".blat"] = "application/octet-stream";
        contentTypes.Mappings[".dll"] = "application/octet-stream";
        contentTypes.Mappings[".webcil"] = "application/octet-stream";
        contentTypes.Mappings[".json"] = "application/json";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(bundle),
            RequestPath = Mount,
            ContentTypeProvider = contentTypes,
            ServeUnknownFileTypes = false,
        });
        return app;
    }

    private static string Backend(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/elsa/api";

    private static string? StudioKey(StudioOptions options, ApiKeyOptions keys) =>
        options.ApiKey ?? keys.ApiKeys.FirstOrDefault(k => k.Roles.Contains(Roles.Analyst))?.Key;

    private static string? FindBundle(string contentRoot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, PackagePath);
            if (File.Exists(Path.Combine(candidate, "_framework", "blazor.webassembly.js")))
                return candidate;
        }
        return null;
    }

    /// <summary>Our own page: no external fonts or links, base href at the mount path, the editor element for one definition.</summary>
    private static string IndexHtml(string backend, string? apiKey, string? definitionId)
    {
        var connection = $"remote-endpoint=\"{Encode(backend)}\" api-key=\"{Encode(apiKey ?? "")}\"";
        var body = string.IsNullOrWhiteSpace(definitionId)
            ? $"<elsa-workflow-definition-list {connection}></elsa-workflow-definition-list>"
            : $"<elsa-workflow-definition-editor {connection} definition-id=\"{Encode(definitionId)}\"></elsa-workflow-definition-editor>";
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8"/>
              <meta name="viewport" content="width=device-width, initial-scale=1.0"/>
              <title>ExportTaxCheck · Elsa Studio</title>
              <link rel="icon" href="data:,"/>
              <base href="{{Mount}}/"/>
              <link href="_content/MudBlazor/MudBlazor.min.css" rel="stylesheet"/>
              <link href="_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css" rel="stylesheet"/>
              <link href="_content/Radzen.Blazor/css/material-base.css" rel="stylesheet"/>
              <link href="_content/Elsa.Studio.Shell/css/shell.css" rel="stylesheet"/>
              <link href="Elsa.Studio.Host.CustomElements.styles.css" rel="stylesheet"/>
              <style>html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; } body > * { height: 100%; }</style>
            </head>
            <body>
            {{body}}
            <div id="blazor-error-ui">An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">🗙</a></div>
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

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);
}
