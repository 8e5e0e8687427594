using System.Globalization;
using System.Resources;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Engine.Tasks;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.CustomsGateway;
using ExportTaxCheck.Returns.Evidence;
using ExportTaxCheck.Returns.Intake;
using ExportTaxCheck.Returns.RefundDeclarations;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>
/// The one catalogue of what people read instead of the case's internal words: case statuses (a short name and what the
/// case waits for, who acts next), task outcomes and titles, document types, roles, every other enum a page or a mail
/// shows, and a sentence per reason code saying what it means and what to do. English in <c>DisplayTexts.resx</c>,
/// Chinese in <c>DisplayTexts.zh-CN.resx</c>; the pages ask in the officer's language, the e-mails in both, API problems
/// in the caller's Accept-Language.
/// </summary>
public static class DisplayTexts
{
    private static readonly ResourceManager Resources = new(typeof(DisplayTexts));

    /// <summary>The enums the workspace and the mails show, each member with a text in both languages (the tests hold the catalogue to it).</summary>
    public static IReadOnlyList<Type> Enums { get; } =
    [
        typeof(ReturnCaseStatus), typeof(HumanTaskStatus), typeof(ReturnReason), typeof(RefundStatus), typeof(EnterpriseType), typeof(CertificateVariant),
        typeof(CertificateStatus), typeof(CustomsCertificateStatus), typeof(CrossCheckOutcome), typeof(UnavailableCause), typeof(Channel), typeof(EvidenceType),
        typeof(EligibilityOutcome), typeof(Handling), typeof(UsageException), typeof(CertificateRefundStatus), typeof(StatusUpdateKind), typeof(OutboxStatus),
        typeof(RefundOutcome), typeof(RefundKind), typeof(StatusUpdateDelivery), typeof(MakeUp.MakeUpMethod),
    ];

    public static CultureInfo Chinese { get; } = CultureInfo.GetCultureInfo("zh-CN");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The text under <paramref name="key"/>, or null when the catalogue has none.</summary>
    public static string? Find(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    public static bool IsChinese(CultureInfo? culture = null) => (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "zh";

    /// <summary>Any enum the workspace shows, by its type's name and member ("ReturnReason.CustomerReturn").</summary>
    public static string Of<T>(T value, CultureInfo? culture = null) where T : struct, Enum => Find($"{typeof(T).Name}.{value}", culture) ?? value.ToString();

    /// <summary>What the case waits for and who acts next ("Waiting for the customs clearance decision").</summary>
    public static string Waiting(ReturnCaseStatus status, CultureInfo? culture = null) => Find($"StatusNext.{status}", culture) ?? Of(status, culture);

    /// <summary>The sentence for a reason code; a sub-code without its own sentence takes its family's ("EVIDENCE_INCOMPLETE:…").</summary>
    public static string Reason(string code, CultureInfo? culture = null) =>
        Find("Reason." + code, culture) ?? (code.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? Find("Reason." + code[..colon], culture) : null) ?? code;

    public static bool HasReason(string code) => Find("Reason." + code, English) is not null;

    public static string Outcome(string outcome, CultureInfo? culture = null) => Find("Outcome." + outcome, culture) ?? outcome;

    /// <summary>
    /// A task's title by its activity type, else by the title the definition gives it, else that title as written; a
    /// catalogue title names the case as <c>{0}</c>.
    /// </summary>
    public static string TaskTitle(string? activityType, string title, string? caseId, CultureInfo? culture = null)
    {
        var text = (activityType is null ? null : Find("TaskTitle." + activityType[(activityType.LastIndexOf('.') + 1)..], culture)) ?? Find("TaskTitle." + title, culture);
        return text is null ? title : string.Format(culture ?? CultureInfo.CurrentUICulture, text, caseId ?? "");
    }

    public static string Role(string role, CultureInfo? culture = null) => Find("Role." + role, culture) ?? role;

    /// <summary>The title of an API problem by its code, or null.</summary>
    public static string? Problem(string code, CultureInfo? culture = null) => Find("Problem." + code, culture);

    /// <summary>The document a supplement code asks for.</summary>
    public static string MissingDocument(string code, CultureInfo? culture = null) => Find("Missing." + code, culture) ?? Reason(code, culture);

    /// <summary>An amount in CNY as the language writes it: <c>¥12,553.98</c> in Chinese, <c>12,553.98 CNY</c> in English.</summary>
    public static string Amount(decimal amount, CultureInfo? culture = null) => IsChinese(culture) ? "¥" + Number(amount) : Number(amount) + " CNY";

    /// <summary>Two decimals with thousands separators, the same in both languages.</summary>
    public static string Number(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A moment in Asia/Shanghai time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    public static string Time(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, ChinaTime.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
