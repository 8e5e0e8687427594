using System.Globalization;
using ExportTaxCheck.Engine.Tasks;
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

    /// <summary>A product before rounding, with the decimals it has (up to 6): <c>7,811.10774</c>.</summary>
    public static string Exact(decimal value) => value.ToString("#,##0.00####", CultureInfo.InvariantCulture);

    /// <summary>A rate as a percentage: 0.13 is <c>13%</c>.</summary>
    public static string Rate(decimal value) => (value * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

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

    /// <summary>
    /// A timeline entry's sentence in the officer's language. What a person wrote (a comment) is shown as written and not
    /// translated; an entry recorded before sentences were kept as data has only its English message (<c>lang="en"</c>).
    /// </summary>
    public static IHtmlContent Event(CaseEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Sentence(entry.Text is null ? null : new CaseText(entry.Text, entry.Args), entry.Message);
    }

    /// <summary>A reason kept as data (<paramref name="text"/>) in the officer's language, else <paramref name="recorded"/> as a person wrote it.</summary>
    public static IHtmlContent Sentence(CaseText? text, string recorded)
    {
        var html = new HtmlContentBuilder();
        if (text is null || text.Key == "Comment")
        {
            html.AppendHtml(text is null && IsSystemEnglish(recorded) ? "<span lang=\"en\">" : "<span translate=\"no\">");
            html.Append(text is null ? recorded : text.In(CultureInfo.CurrentUICulture));
        }
        else
        {
            html.AppendHtml("<span>");
            html.Append(text.In(CultureInfo.CurrentUICulture));
        }
        html.AppendHtml("</span>");
        return html;
    }

    // An older entry's message was written by the system in English; a person's words may be in any language.
    private static bool IsSystemEnglish(string text) => text.All(c => c < 0x2E80);

    /// <summary>A task audit action in the officer's words (the stored action is a code such as <c>DueChanged</c>).</summary>
    public static string AuditAction(string action, Microsoft.Extensions.Localization.IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return action switch
        {
            TaskActions.FollowUpSet => texts["Follow-up set"],
            TaskActions.DueChanged => texts["Due date changed"],
            _ => texts[action],
        };
    }

    /// <summary>
    /// A task audit entry's detail in the officer's language: kept as data it goes through the workspace's catalogue
    /// (its English format is the key), roles and outcomes in their words; an older plain detail stays English.
    /// </summary>
    public static IHtmlContent AuditDetail(TaskAuditEntry entry, Microsoft.Extensions.Localization.IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(texts);
        var html = new HtmlContentBuilder();
        if (entry.Data is { } data)
        {
            html.AppendHtml("<span>");
            html.Append(texts[data.Format, [.. data.Args.Select(a => (object)(a.StartsWith('@') ? DisplayTexts.Find(a[1..]) ?? a[(a.IndexOf('.', StringComparison.Ordinal) + 1)..] : a))]].Value);
        }
        else
        {
            html.AppendHtml("<span lang=\"en\">");
            html.Append(entry.Detail);
        }
        html.AppendHtml("</span>");
        return html;
    }
}
