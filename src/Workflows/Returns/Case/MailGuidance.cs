using System.Globalization;
using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.CrossCheck;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// What an exporter mail says to do next, each as <c>{ zh, en }</c> from the catalogue (<c>Mail.*</c>) so both parts of a
/// mail say the same: the authorities to contact, how and by when to make up the refunded tax, how to object to a refusal
/// and, for a cross-check difference, which field differs and its value on the certificate and on the declaration.
/// </summary>
public static class MailGuidance
{
    private static readonly CultureInfo[] Languages = [DisplayTexts.Chinese, DisplayTexts.English];

    /// <summary>The customs office and the case's tax authority (by its competent tax authority code), with phone and address.</summary>
    public static JsonObject Contact(string taxAuthorityCode, AuthorityContactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (customs, tax) = (options.Customs, options.TaxFor(taxAuthorityCode));
        var contact = new JsonObject
        {
            ["customs"] = new JsonObject { ["nameZh"] = customs.NameZh, ["nameEn"] = customs.NameEn, ["phone"] = customs.Phone, ["addressZh"] = customs.AddressZh, ["addressEn"] = customs.AddressEn },
            ["tax"] = new JsonObject
            {
                ["code"] = taxAuthorityCode, ["nameZh"] = tax.NameZh, ["nameEn"] = tax.NameEn, ["phone"] = tax.Phone, ["addressZh"] = tax.AddressZh, ["addressEn"] = tax.AddressEn,
            },
        };
        foreach (var culture in Languages)
        {
            var zh = DisplayTexts.IsChinese(culture);
            contact[Part(culture)] = Format("Mail.Contact", culture, zh ? customs.NameZh : customs.NameEn, customs.Phone, zh ? customs.AddressZh : customs.AddressEn,
                zh ? tax.NameZh : tax.NameEn, taxAuthorityCode, tax.Phone, zh ? tax.AddressZh : tax.AddressEn);
        }
        return contact;
    }

    /// <summary>
    /// Stage 5: per method the amounts, where and how (repay 缴回 at the tax authority or through the e-Tax bureau; offset
    /// 冲减 in the current period's 免抵退 declaration) and the date by which (<paramref name="askedOn"/> + <paramref name="days"/>, Asia/Shanghai).
    /// </summary>
    public static JsonObject MakeUp(CaseView view, DateOnly askedOn, int days)
    {
        ArgumentNullException.ThrowIfNull(view);
        var records = view.Lines.Select(l => l.MakeUp).OfType<MakeUpRecord>().ToList();
        var repaid = records.Where(r => r.Method != MakeUpMethod.Offset).ToList();
        var offset = records.Where(r => r.Method == MakeUpMethod.Offset).ToList();
        var due = askedOn.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var period = askedOn.ToString("yyyyMM", CultureInfo.InvariantCulture);
        var (vat, ct) = (repaid.Sum(r => r.MakeUpVat), repaid.Sum(r => r.MakeUpCt));
        var (mdt, nonCreditable) = (offset.Sum(r => r.ReversalMdt), offset.Sum(r => r.ReversalNonCreditable));
        var model = new JsonObject
        {
            ["dueDate"] = due, ["offsetPeriod"] = period, ["repay"] = repaid.Count > 0 || offset.Count == 0, ["offset"] = offset.Count > 0,
            ["repayTotal"] = DisplayTexts.Number(vat + ct), ["repayVat"] = DisplayTexts.Number(vat), ["repayCt"] = DisplayTexts.Number(ct),
            ["reversalMdt"] = DisplayTexts.Number(mdt), ["reversalNonCreditable"] = DisplayTexts.Number(nonCreditable),
        };
        foreach (var culture in Languages)
        {
            var sentences = new List<string>();
            if (repaid.Count > 0 || offset.Count == 0)
                sentences.Add(Format("Mail.MakeUp.Repaid", culture, DisplayTexts.Number(vat + ct), DisplayTexts.Number(vat), DisplayTexts.Number(ct), due));
            if (offset.Count > 0)
                sentences.Add(Format("Mail.MakeUp.Offset", culture, DisplayTexts.Number(mdt), DisplayTexts.Number(nonCreditable), period, due));
            model[Part(culture)] = string.Join(DisplayTexts.IsChinese(culture) ? "" : " ", sentences);
        }
        return model;
    }

    /// <summary>How to object to a refusal: DOMAIN.md sets no time limit, so the mail says where to ask.</summary>
    public static JsonObject Objection() => Both("Mail.Objection");

    /// <summary>How to correct a cross-check difference.</summary>
    public static JsonObject Correction() => Both("Mail.Mismatch.Correct");

    /// <summary>One cross-check difference: the field that differs and its value on the certificate and on the declaration, in both languages.</summary>
    public static JsonObject Difference(CrossCheckReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        // CERT_DATE_AFTER_DECLARATION carries the declaration's date first.
        var (onCertificate, onDeclaration) = reason.Code == ReasonCodes.CertDateAfterDeclaration ? (reason.Actual, reason.Expected) : (reason.Expected, reason.Actual);
        var result = new JsonObject
        {
            ["code"] = reason.Code, ["lineNo"] = reason.LineNo, ["expected"] = reason.Expected, ["actual"] = reason.Actual, ["warning"] = reason.IsWarning,
        };
        foreach (var culture in Languages)
        {
            var part = Part(culture);
            result[part] = DisplayTexts.Reason(reason.Code, culture);
            result["field" + Suffix(culture)] = DisplayTexts.Find("Field." + reason.Code, culture) ?? DisplayTexts.Find("Field.Other", culture);
            result["values" + Suffix(culture)] = onCertificate is null && onDeclaration is null ? null
                : Format("Mail.Mismatch.Values", culture, Value(onCertificate, culture), Value(onDeclaration, culture));
        }
        return result;
    }

    /// <summary>A value as shown: an enum member's word in the language (a certificate type, a status), else as recorded.</summary>
    private static string Value(string? value, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(value))
            return DisplayTexts.Find("Mail.Mismatch.None", culture) ?? "-";
        foreach (var type in DisplayTexts.Enums)
        {
            if (Enum.GetNames(type).Contains(value, StringComparer.Ordinal) && DisplayTexts.Find($"{type.Name}.{value}", culture) is { } text)
                return text;
        }
        return value;
    }

    private static JsonObject Both(string key) => new() { ["zh"] = DisplayTexts.Find(key, DisplayTexts.Chinese), ["en"] = DisplayTexts.Find(key, DisplayTexts.English) };

    private static string Part(CultureInfo culture) => DisplayTexts.IsChinese(culture) ? "zh" : "en";

    private static string Suffix(CultureInfo culture) => DisplayTexts.IsChinese(culture) ? "Zh" : "En";

    private static string Format(string key, CultureInfo culture, params object[] args) =>
        string.Format(culture, DisplayTexts.Find(key, culture) ?? throw new InvalidOperationException($"The catalogue has no '{key}'."), args);
}
