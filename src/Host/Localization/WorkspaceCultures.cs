using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace ExportTaxCheck.Host.Localization;

/// <summary>
/// Chinese first: a request without a choice is answered in zh-CN; an officer's choice in the top bar is kept in a cookie,
/// else the browser's Accept-Language decides between zh-CN and English. API problems follow the same rule.
/// </summary>
public static class WorkspaceCultures
{
    public static CultureInfo Default => DisplayTexts.Chinese;

    public static IReadOnlyList<CultureInfo> Supported { get; } = [DisplayTexts.Chinese, DisplayTexts.English];

    public static string CookieName => CookieRequestCultureProvider.DefaultCookieName;

    public static IServiceCollection AddWorkspaceLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // Chinese text is written as it is, not as &#x...; entities: a page is a third of the size and reads in its source.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Default);
            options.SupportedCultures = [.. Supported];
            options.SupportedUICultures = [.. Supported];
            // The officer's choice, then the browser's languages; no query string, so a link cannot switch someone's language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>The supported culture named <paramref name="name"/> ("zh-CN", "en"), or null.</summary>
    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The language a request is answered in, also where the culture of the current thread no longer says it (an exception handler).</summary>
    public static CultureInfo Of(HttpContext context) => context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Default;
}
