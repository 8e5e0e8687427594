using System.Security.Cryptography;
using System.Text.Json;
using ExportTaxCheck.Host.Auth;
using ExportTaxCheck.Host.Infrastructure;
using ExportTaxCheck.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ExportTaxCheck.Host.Studio;

/// <summary>
/// Serves the real Elsa Studio (Blazor WebAssembly custom elements) at /studio, pointed at this Host. The page carries
/// the signed-in analyst's own Studio token (<see cref="StudioTokens"/>), so it opens only for them and is never stored by
/// a cache; the bundle's static files are public.
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
        var configured = string.IsNullOrWhiteSpace(options.BackendUrl) ? null : options.BackendUrl.TrimEnd('/');
        var policy = ContentSecurityPolicy.Studio(configured is null ? null : new Uri(configured).GetLeftPart(UriPartial.Authority));
        var self = app.Services.GetRequiredService<SelfEndpoint>();
        // Where Studio sends its calls: Studio:BackendUrl, else this Host's own listening address (known once it listens),
        // never the request's Host header: a forged one would send Studio, and the analyst's credential, elsewhere.
        string Backend() => configured ?? new Uri(self.BaseAddress, "elsa/api").ToString();
        app.MapGet(Mount, async (HttpContext context, StudioTokens tokens, DefinitionService definitions, InstanceQueries instances, CancellationToken ct,
                [FromQuery] string? definitionId, [FromQuery] string? view, [FromQuery] string? instanceId) =>
            {
                var page = new StudioPage(Backend(), await TokenAsync(context, tokens), Mount, script, styles);
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
            .WithMetadata(policy)
            .RequireAuthorization(Extensions.StudioPolicy);
        app.MapGet(Mount + "/appsettings.json", async (HttpContext context, StudioTokens tokens) =>
            Results.Json(new { Backend = new { Url = Backend(), ApiKey = await TokenAsync(context, tokens) } }, new JsonSerializerOptions()))
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

    /// <summary>The signed-in analyst's own Studio token, valid until their session ends (sign-out, absolute lifetime, stamp change).</summary>
    private static async Task<string> TokenAsync(HttpContext context, StudioTokens tokens)
    {
        var session = await context.AuthenticateAsync(OfficerAuthentication.CookieScheme);
        var user = context.User;
        var expires = session.Properties?.ExpiresUtc ?? throw new InvalidOperationException("A signed-in session has an end.");
        return tokens.Issue(user.Identity!.Name!, user.FindFirst(OfficerAuthentication.StampClaim)?.Value ?? "", expires);
    }

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
