using System.Globalization;

namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>§5.8 and §5.12: field checks of a return declaration before the cross-check. Every issue is reported.</summary>
public static class ReturnDeclarationValidator
{
    public static IReadOnlyList<ValidationIssue> Validate(ReturnDeclaration declaration, ReturnsDomainOptions options)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(options);
        var issues = new List<ValidationIssue>();
        void Add(string code, string field, string message) => issues.Add(new ValidationIssue(code, field, message));

        if (!Identifiers.IsValidImportDeclarationNo(declaration.ReturnDeclarationNo))
            Add(ReasonCodes.InvalidDeclarationNo, nameof(declaration.ReturnDeclarationNo), "An import declaration number has 18 digits with 1 at position 9.");
        if (!options.ReturnSupervisionCodes.Contains(declaration.SupervisionCode))
            Add(ReasonCodes.ReturnModeNotConfigured, nameof(declaration.SupervisionCode), $"Supervision code '{declaration.SupervisionCode}' is not a configured return mode.");
        if (!Identifiers.IsValidUscc(declaration.ConsigneeUscc))
            Add(ReasonCodes.InvalidUscc, nameof(declaration.ConsigneeUscc), "The consignee USCC fails the pattern or the GB 32100 check character.");
        if (string.IsNullOrWhiteSpace(declaration.RelatedExportDeclarationNo))
            Add(ReasonCodes.FieldInvalid, nameof(declaration.RelatedExportDeclarationNo), "The original export declaration or list number is required.");
        if (string.IsNullOrWhiteSpace(declaration.CertificateNo))
            Add(ReasonCodes.FieldInvalid, nameof(declaration.CertificateNo), "The certificate number is required as an attached document.");
        if (declaration.EntryDate > declaration.DeclarationDate)
            Add(ReasonCodes.FieldInvalid, nameof(declaration.EntryDate), "The entry date cannot be after the declaration date.");
        if (declaration.EntryPortCode.Length > 0 && !Identifiers.IsValidCustomsOfficeCode(declaration.EntryPortCode))
            Add(ReasonCodes.FieldInvalid, nameof(declaration.EntryPortCode), "The entry port is a 4-digit customs code.");

        // A line sent as null (or no list at all) is malformed: nothing further can be read from it.
        if (declaration.Lines is null || declaration.Lines.Any(l => l is null))
        {
            Add(ReasonCodes.FieldInvalid, nameof(declaration.Lines), "The declaration's lines are a list of line objects.");
            return issues;
        }

        // V-08: a CNY-only declaration needs no conversion (C-08).
        var needsRate = declaration.Lines.Any(l => !ReturnAmounts.IsCny(l.Currency));
        if (needsRate && declaration.CustomsRate <= 0)
            Add(ReasonCodes.RateOutOfRange, nameof(declaration.CustomsRate), "The customs rate must be positive.");

        if (declaration.Lines.Count == 0)
            Add(ReasonCodes.FieldInvalid, nameof(declaration.Lines), "A declaration needs at least one line.");
        for (var i = 0; i < declaration.Lines.Count; i++)
            ValidateLine(declaration.Lines[i], string.Create(CultureInfo.InvariantCulture, $"Lines[{i}]."), options, Add);

        foreach (var duplicate in declaration.Lines.GroupBy(l => l.ItemNo).Where(g => g.Count() > 1))
            Add(ReasonCodes.FieldInvalid, nameof(declaration.Lines), string.Create(CultureInfo.InvariantCulture, $"Item no. {duplicate.Key} appears more than once."));
        return issues;
    }

    private static void ValidateLine(ReturnDeclarationLine line, string prefix, ReturnsDomainOptions options, Action<string, string, string> add)
    {
        if (line.ItemNo < 1)
            add(ReasonCodes.FieldInvalid, prefix + nameof(line.ItemNo), "The item no. starts at 1.");
        if (line.OriginalItemNo is < 1 or > 999)
            add(ReasonCodes.FieldInvalid, prefix + nameof(line.OriginalItemNo), "The original item no. is within 1..999.");
        if (!Identifiers.IsValidHsCode(line.HsCode))
            add(ReasonCodes.InvalidHsCode, prefix + nameof(line.HsCode), "An HS code has 10 digits.");
        if (string.IsNullOrWhiteSpace(line.GoodsName))
            add(ReasonCodes.FieldInvalid, prefix + nameof(line.GoodsName), "The goods name is required.");
        if (!options.UnitCodes.Contains(line.UnitCode))
            add(ReasonCodes.UnknownUnit, prefix + nameof(line.UnitCode), $"Unit code '{line.UnitCode}' is not in the unit table.");
        if (!options.CurrencyCodes.Contains(line.Currency))
            add(ReasonCodes.UnknownCurrency, prefix + nameof(line.Currency), $"Currency '{line.Currency}' is not an accepted ISO 4217 code.");
        if (!Money.IsValidAmount(line.TotalPrice))
            add(ReasonCodes.InvalidAmount, prefix + nameof(line.TotalPrice), "The total price is non-negative with at most 2 decimals.");
        if (line.DutyPerUnit < 0)
            add(ReasonCodes.InvalidAmount, prefix + nameof(line.DutyPerUnit), "The specific duty cannot be negative.");
        if (line.CtPerUnit < 0)
            add(ReasonCodes.InvalidAmount, prefix + nameof(line.CtPerUnit), "The specific consumption tax cannot be negative.");
        CheckRate(line.DutyRate, prefix + nameof(line.DutyRate), add);
        CheckRate(line.CtRate, prefix + nameof(line.CtRate), add);
        CheckRate(line.VatRate, prefix + nameof(line.VatRate), add);
        if (line.Qty <= 0)
            add(ReasonCodes.ReturnedQtyNotPositive, prefix + nameof(line.Qty), "The quantity must be positive.");
    }

    private static void CheckRate(decimal rate, string field, Action<string, string, string> add)
    {
        if (rate is < 0 or >= 1)
            add(ReasonCodes.RateOutOfRange, field, "A tax or duty rate is within [0, 1).");
    }
}
