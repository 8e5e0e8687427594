using ExportTaxCheck.Host.Localization;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Host.Infrastructure;

/// <summary>
/// Every problem a client reads in its Accept-Language (zh-CN unless it asks for English): the title from the catalogue
/// by the problem's code (else by its HTTP status), and for a reason code the catalogue's sentence before the specific
/// detail. The <c>code</c> never changes, so clients keep branching on it.
/// </summary>
public static class ProblemTexts
{
    public static void Localize(ProblemDetailsContext context)
    {
        var culture = WorkspaceCultures.Of(context.HttpContext);
        var details = context.ProblemDetails;
        var code = details.Extensions.TryGetValue("code", out var value) ? value as string : null;
        var title = code is null ? null : DisplayTexts.Problem(code, culture);
        if (title is null && DisplayTexts.IsChinese(culture))
            title = DisplayTexts.Problem(ProblemExceptionHandler.CodeOf(details.Status), culture);
        if (title is not null)
            details.Title = title;
        if (code is not null && DisplayTexts.HasReason(code))
        {
            var sentence = DisplayTexts.Reason(code, culture);
            details.Detail = string.IsNullOrWhiteSpace(details.Detail) ? sentence : sentence + " " + details.Detail;
        }
    }
}
