namespace ExportTaxCheck.Returns.Intake;

/// <summary>E-12: a configured old→new HS mapping for a tariff nomenclature change that took effect on <see cref="EffectiveFrom"/>.</summary>
public sealed record HsCorrespondence(string OldHsCode, string NewHsCode, DateOnly EffectiveFrom)
{
    /// <summary>True when the change falls between the export and the return (export date &lt; EffectiveFrom ≤ return date).</summary>
    public bool Maps(string exportHs, string returnHs, DateOnly exportDate, DateOnly? returnDate) =>
        OldHsCode == exportHs && NewHsCode == returnHs
        && exportDate < EffectiveFrom && (returnDate is null || EffectiveFrom <= returnDate);
}
