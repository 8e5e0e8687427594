using System.Globalization;
using ExportTaxCheck.Returns.MakeUp;

namespace ExportTaxCheck.Returns.Shared;

/// <summary>
/// The one amount calculator of the return domain (§4.1). Intermediate products stay at full decimal precision and
/// are rounded only where a C-rule says so, always through <see cref="Money.Round"/> (C-01).
/// </summary>
public static class ReturnAmounts
{
    /// <summary>
    /// C-03/C-04/C-06/C-07 cumulative pro rata: Round(total × cumQty / exportedQty) − previousShares, so successive
    /// partial returns add up to exactly <paramref name="total"/> on a full return (A-10, W-12).
    /// </summary>
    public static decimal ProRataShare(decimal total, decimal exportedQty, decimal cumulativeReturnedQty, decimal previousShares)
    {
        if (exportedQty <= 0)
            throw new ArgumentException("The exported quantity must be positive.", nameof(exportedQty));
        if (cumulativeReturnedQty < 0)
            throw new ArgumentException("The cumulative returned quantity cannot be negative.", nameof(cumulativeReturnedQty));
        if (cumulativeReturnedQty > exportedQty)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The cumulative returned quantity {cumulativeReturnedQty} exceeds the exported quantity {exportedQty} (E-11)."),
                nameof(cumulativeReturnedQty));

        // Multiplying first keeps W-01b exact (23,456.78 × 333 / 1,000 = 7,811.10774).
        return Money.Round(total * cumulativeReturnedQty / exportedQty) - previousShares;
    }

    /// <summary>C-05: FOB share of the returned quantity, and the reductions of 免抵退税额 and 不得免征和抵扣税额.</summary>
    public static ManufacturerReversal Reversal(decimal fobCny, decimal exportedQty, decimal cumulativeReturnedQty, decimal previousFobCnyReturned, decimal refundRate, decimal levyRate)
    {
        var fobReturned = ProRataShare(fobCny, exportedQty, cumulativeReturnedQty, previousFobCnyReturned);
        // C-05: the non-creditable part exists only when the levy rate exceeds the refund rate.
        var nonCreditableRate = Math.Max(0m, levyRate - refundRate);
        return new ManufacturerReversal(fobReturned, Money.Round(fobReturned * refundRate), Money.Round(fobReturned * nonCreditableRate));
    }

    /// <summary>C-07 information only [E32]: ExportDutyCV = Round(FOB / (1 + t)), ExportDuty = Round(CV × t).</summary>
    public static (decimal CustomsValue, decimal Duty) OriginalExportDuty(decimal fobCny, decimal exportDutyRate)
    {
        if (exportDutyRate < 0)
            throw new ArgumentException("The export duty rate cannot be negative.", nameof(exportDutyRate));
        var customsValue = Money.Round(fobCny / (1 + exportDutyRate));
        return (customsValue, Money.Round(customsValue * exportDutyRate));
    }

    /// <summary>C-08: a CNY amount is the customs value as declared; a foreign amount is converted at the C-02a rate.</summary>
    public static decimal CustomsValue(decimal declaredAmount, string currency, decimal customsRate)
    {
        ArgumentNullException.ThrowIfNull(currency);
        if (IsCny(currency))
            return declaredAmount;
        if (customsRate <= 0)
            throw new ArgumentException("A foreign-currency amount needs a positive customs rate (V-08).", nameof(customsRate));
        return Money.Round(declaredAmount * customsRate);
    }

    /// <summary>C-09 duty, C-10 consumption tax and C-11 VAT of one line, each rounded, each on the rounded previous ones.</summary>
    public static ImportTaxes Exemption(ExemptionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CtRate is < 0 or >= 1)
            throw new ArgumentException("The consumption tax rate must be within [0, 1) (V-08).", nameof(input));

        // C-09: ad valorem, specific, or compound = the sum of both, each rounded.
        var duty = Money.Round(input.CustomsValue * input.DutyRate)
            + (input.DutyPerUnit is { } dutyPerUnit ? Money.Round(input.Qty * dutyPerUnit) : 0m);

        // C-10: the specific part joins the composite price (组成计税价格) unrounded and is added rounded [E33].
        var specificCt = input.CtPerUnit is { } ctPerUnit ? input.Qty * ctPerUnit : 0m;
        var adValoremCt = input.CtRate > 0
            ? Money.Round((input.CustomsValue + duty + specificCt) / (1 - input.CtRate) * input.CtRate)
            : 0m;
        var ct = adValoremCt + Money.Round(specificCt);

        // C-11: on the rounded duty and CT; E33's example adds CT twice, which C-10 deliberately does not.
        var vat = Money.Round((input.CustomsValue + duty + ct) * input.VatRate);
        return new ImportTaxes(duty, ct, vat);
    }

    /// <summary>C-12 [S5]: Round(FobForeign × Rate × RefundRate) − InputVatPaid; a fixture for AS-17, not an official formula.</summary>
    public static SeedArticleResult SeedArticle(decimal fobForeign, decimal rate, decimal refundRate, decimal inputVatPaid)
    {
        var gross = Money.Round(fobForeign * rate * refundRate);
        return new SeedArticleResult(Money.Round(fobForeign * rate), gross, gross - inputVatPaid);
    }

    /// <summary>
    /// C-13 [E27] for comparison with C-12 (W-00): every money value is rounded to the fen as it is produced, so the
    /// later steps work on the amounts a return would show.
    /// </summary>
    public static OfficialComparison Official(decimal fobCny, decimal levyRate, decimal refundRate, decimal outputVat, decimal inputVat, decimal priorCredit)
    {
        // C-05/C-13: a refund rate above the levy rate leaves nothing non-creditable rather than a negative amount.
        var nonCreditable = Money.Round(fobCny * Math.Max(0m, levyRate - refundRate));
        var payableVat = Money.Round(outputVat - (inputVat - nonCreditable) - priorCredit);
        var mdt = Money.Round(fobCny * refundRate);
        var endCredit = Math.Max(0m, -payableVat);
        var refund = endCredit <= mdt ? endCredit : mdt;
        return new OfficialComparison(nonCreditable, payableVat, mdt, endCredit, refund, mdt - refund);
    }

    internal static bool IsCny(string currency) => string.Equals(currency, "CNY", StringComparison.OrdinalIgnoreCase);
}
