using System.Globalization;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.Shared;
using Microsoft.AspNetCore.Html;

namespace ExportTaxCheck.Host.Pages;

/// <summary>
/// How the workspace shows times, money and the case's words in the officer's language (the request's UI culture):
/// Asia/Shanghai time, amounts as <see cref="DisplayTexts.Amount"/> writes them, texts from <see cref="DisplayTexts"/>.
/// </summary>
public static class Display
{
    public static string Time(DateTimeOffset? value) => value is { } v ? DisplayTexts.Time(v) : "—";

    public static string Date(DateTimeOffset? value) => value is { } v ? ChinaTime.ToChinaDate(v).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Money(decimal value) => DisplayTexts.Amount(value);

    public static string Qty(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Of<T>(T value) where T : struct, Enum => DisplayTexts.Of(value);

    public static string Of<T>(T? value) where T : struct, Enum => value is { } v ? DisplayTexts.Of(v) : "—";

    public static string Waiting(ReturnCaseStatus status) => DisplayTexts.Waiting(status);

    public static string Outcome(string? outcome) => outcome is null ? "" : DisplayTexts.Outcome(outcome);

    public static string Role(string? role) => role is null ? "" : DisplayTexts.Role(role);

    public static string Title(string? activityType, string title, string? caseId) => DisplayTexts.TaskTitle(activityType, title, caseId);

    /// <summary>
    /// Reason codes as sentences, each followed by its code in a <c>data-code</c> chip (the code is what officers and
    /// exporters quote on the phone; the sentence is what they read).
    /// </summary>
    public static IHtmlContent Reasons(IEnumerable<string>? codes)
    {
        var html = new HtmlContentBuilder();
        foreach (var code in codes ?? [])
        {
            html.AppendHtml("<span class=\"reason\">");
            // A status event of an unavailable cross-check carries its cause (NetworkFailure, …) among the codes.
            html.Append(!DisplayTexts.HasReason(code) && Enum.TryParse<UnavailableCause>(code, out var cause) && Enum.IsDefined(cause) ? Of(cause) : DisplayTexts.Reason(code));
            html.AppendHtml(" <code data-code>");
            html.Append(code);
            html.AppendHtml("</code></span> ");
        }
        return html;
    }
}
