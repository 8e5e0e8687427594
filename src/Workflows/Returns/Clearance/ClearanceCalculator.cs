using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>Stage 11: the exempted amounts of a return declaration (C-08..C-11).</summary>
public static class ClearanceCalculator
{
    /// <summary>
    /// C-01: each line's customs value and taxes are rounded on that line and the declaration totals are their sums.
    /// The export duty refund (C-07) depends on the original export line, so it is left 0.00 here.
    /// </summary>
    public static ClearanceOutcome Compute(ReturnDeclaration declaration, HolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(holidays);
        var customsValue = 0m;
        var taxes = ImportTaxes.Zero;
        foreach (var line in declaration.Lines)
        {
            var lineValue = ReturnAmounts.CustomsValue(line.TotalPrice, line.Currency, declaration.CustomsRate);
            customsValue += lineValue;
            taxes = taxes.Add(ReturnAmounts.Exemption(ForLine(line, lineValue)));
        }

        return new ClearanceOutcome
        {
            CustomsRate = declaration.CustomsRate,
            CustomsRateDate = CustomsRateDate.For(declaration.DeclarationDate, holidays),
            CustomsValue = customsValue,
            ImportDutyExempted = taxes.Duty,
            ImportCtExempted = taxes.ConsumptionTax,
            ImportVatExempted = taxes.Vat,
        };
    }

    /// <summary>The case's clearance: the exempted amounts of every declaration added up (each already rounded per line, C-01).</summary>
    public static ClearanceOutcome Compute(IReadOnlyList<ReturnDeclaration> declarations, HolidayCalendar holidays)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        if (declarations.Count == 0)
            throw new ArgumentException("A clearance needs at least one return declaration.", nameof(declarations));
        var outcomes = declarations.Select(d => Compute(d, holidays)).ToList();
        return new ClearanceOutcome
        {
            CustomsRate = outcomes[0].CustomsRate,
            CustomsRateDate = outcomes[0].CustomsRateDate,
            CustomsValue = outcomes.Sum(o => o.CustomsValue),
            ImportDutyExempted = outcomes.Sum(o => o.ImportDutyExempted),
            ImportCtExempted = outcomes.Sum(o => o.ImportCtExempted),
            ImportVatExempted = outcomes.Sum(o => o.ImportVatExempted),
        };
    }

    public static ExemptionInput ForLine(ReturnDeclarationLine line, decimal customsValue)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new ExemptionInput
        {
            CustomsValue = customsValue,
            Qty = line.Qty,
            DutyRate = line.DutyRate,
            DutyPerUnit = line.DutyPerUnit,
            CtRate = line.CtRate,
            CtPerUnit = line.CtPerUnit,
            VatRate = line.VatRate,
        };
    }
}
