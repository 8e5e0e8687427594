using System.Security.Cryptography;
using System.Text.Json;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Studio;

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

        var script = Versioned(app.Environment, "/js/studio.js");
        var styles = Versioned(app.Environment, "/css/studio.css");
        app.MapGet(Mount, async (HttpContext context, IOptions<ApiKeyOptions> keys, DefinitionService definitions, InstanceQueries instances, CancellationToken ct,
                [FromQuery] string? definitionId, [FromQuery] string? view, [FromQuery] string? instanceId) =>
            {
                var page = new StudioPage(Backend(context), StudioKey(options, keys.Value) ?? "", Mount, script, styles);
                if (!string.IsNullOrWhiteSpace(instanceId))
                {
                    var instance = await instances.GetAsync(instanceId, ct);
                    return instance is not null
                        ? Html(page.Instance(instance.Summary.Id, instance.Summary.Name))
                        : Html(page.List(await ListAsync(definitions, ct), $"There is no workflow instance '{instanceId}'."), StatusCodes.Status404NotFound);
                }
                if (string.Equals(view, "instances", StringComparison.OrdinalIgnoreCase))
                    return Html(page.Instances());
                if (!string.IsNullOrWhiteSpace(definitionId))
                {
                    var definition = await definitions.FindRecordAsync(definitionId, VersionOptions.LatestOrPublished, ct);
                    if (definition is not null)
                        return Html(page.Editor(definition.DefinitionId, definition.Name));
                    return Html(page.List(await ListAsync(definitions, ct), $"There is no workflow definition '{definitionId}'."), StatusCodes.Status404NotFound);
                }
                return string.Equals(view, "definitions", StringComparison.OrdinalIgnoreCase)
                    ? Html(page.StudioList())
                    : Html(page.List(await ListAsync(definitions, ct), null));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
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

    /// <summary>The path of a web-root file with a hash of its content, so browsers fetch it again when it changes.</summary>
    private static string Versioned(IWebHostEnvironment environment, string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
            return path;
        using var content = file.CreateReadStream();
        return $"{path}?v={WebEncoders.Base64UrlEncode(SHA256.HashData(content))[..16]}";
    }

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>The latest version of each definition, by name as people read it (case aside), with the version new instances use.</summary>
    private static async Task<StudioListing> ListAsync(DefinitionService definitions, CancellationToken ct)
    {
        var latest = await definitions.ListAsync(new DefinitionQuery(Versions: VersionOptions.Latest, PageSize: 500), ct);
        var published = (await definitions.ListAsync(new DefinitionQuery(Versions: VersionOptions.Published, PageSize: 500), ct)).Items
            .ToDictionary(d => d.DefinitionId, d => d.Version);
        var rows = latest.Items
            .OrderBy(d => StudioPage.DisplayName(d), StringComparer.InvariantCultureIgnoreCase).ThenBy(d => d.DefinitionId, StringComparer.Ordinal)
            .Select(d => new StudioListRow(d, published.TryGetValue(d.DefinitionId, out var version) ? version : null)).ToList();
        return new StudioListing(rows, latest.TotalCount);
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
}
