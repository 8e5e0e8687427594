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

    /// <summary>
    /// Our own page: no external fonts or links, base href at the mount path. It shows the definitions list, or the
    /// editor when the address names a definition; picking a definition in the list opens the editor in the same page
    /// (the address follows, so Back returns to the list) without loading the WebAssembly runtime again.
    /// </summary>
    private static string IndexHtml(string backend, string? apiKey, string? definitionId)
    {
        var connection = JsonSerializer.Serialize(new { remoteEndpoint = backend, apiKey = apiKey ?? "", mount = Mount });
        var initial = JsonSerializer.Serialize(string.IsNullOrWhiteSpace(definitionId) ? null : definitionId);
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
              <style>
                html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; }
                body { display: flex; flex-direction: column; }
                #studio-bar { flex: none; display: flex; gap: 1rem; align-items: center; padding: 0 1rem; height: 2.25rem; background: #1e293b; color: #e2e8f0; font-size: .875rem; }
                #studio-bar a { color: inherit; }
                #studio-bar[data-view="list"] #studio-back { display: none; }
                #studio { flex: 1; min-height: 0; }
                #studio > * { display: block; height: 100%; }
              </style>
            </head>
            <body>
            <nav id="studio-bar" data-view="list"><strong>ExportTaxCheck Studio</strong><a id="studio-back" href="{{Mount}}">All workflow definitions</a><span id="studio-title"></span></nav>
            <main id="studio"></main>
            <div id="blazor-error-ui">An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">🗙</a></div>
            <script>
              (() => {
                const connection = {{connection}};
                const studio = document.getElementById('studio');
                const bar = document.getElementById('studio-bar');
                const title = document.getElementById('studio-title');
                const show = async definitionId => {
                  const tag = definitionId ? 'elsa-workflow-definition-editor' : 'elsa-workflow-definition-list';
                  await customElements.whenDefined(tag);
                  const element = document.createElement(tag);
                  element.setAttribute('remote-endpoint', connection.remoteEndpoint);
                  element.setAttribute('api-key', connection.apiKey);
                  if (definitionId) {
                    element.setAttribute('definition-id', definitionId);
                  } else {
                    element.editWorkflowDefinition = id => {
                      history.pushState({ definitionId: id }, '', connection.mount + '?definitionId=' + encodeURIComponent(id));
                      show(id);
                    };
                  }
                  bar.dataset.view = definitionId ? 'editor' : 'list';
                  title.textContent = definitionId || '';
                  // Each Studio element themes its own subtree; the one shown before is disposed before the next renders.
                  for (const previous of [...studio.children]) {
                    previous.remove();
                    clearTimeout(previous._disposalTimeoutHandle);
                    previous._isDisposed = true;
                    await (await previous._addRootComponentPromise).dispose();
                  }
                  studio.replaceChildren(element);
                };
                // Back and Forward load the page for the address afresh.
                addEventListener('popstate', () => location.reload());
                show({{initial}});
              })();
            </script>
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
