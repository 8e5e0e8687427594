using ExportTaxCheck.Engine.Users;
using ExportTaxCheck.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExportTaxCheck.Host.Pages;

public sealed class SignInModel(OfficerDirectory officers) : PageModel
{
    public string? Problem { get; private set; }
    public string? UserName { get; private set; }
    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken ct)
    {
        UserName = userName;
        ReturnUrl = returnUrl;
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Problem = "Enter your user name and password.";
            return Page();
        }
        var result = await officers.SignInAsync(userName, password, ct);
        if (result.User is null)
        {
            Problem = result.Problem;
            return Page();
        }
        await HttpContext.SignInAsync(OfficerAuthentication.CookieScheme, OfficerAuthentication.Principal(result.User));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/inbox");
    }
}
