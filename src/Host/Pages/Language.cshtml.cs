using ExportTaxCheck.Host.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

/// <summary>The top bar's language switch: remembers the choice for a year in a cookie and goes back to the page.</summary>
public sealed class LanguageModel(TimeProvider time) : PageModel
{
    public IActionResult OnGet() => Redirect("/inbox");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (WorkspaceCultures.Find(culture) is { } chosen)
        {
            Response.Cookies.Append(WorkspaceCultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)), new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true,
            });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/inbox");
    }
}
