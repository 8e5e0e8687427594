namespace ExportTaxCheck.Workflows.Returns.Amounts;

/// <summary>C-05: the 免抵退 reversal of a manufacturer's returned quantity (§5.4).</summary>
public sealed record ManufacturerReversal(decimal FobCnyReturned, decimal ReversalMdt, decimal ReversalNonCreditable);

/// <summary>C-09..C-11 inputs for one line. Both an ad valorem rate and a per-unit amount make a compound tax.</summary>
public sealed record ExemptionInput
{
    public required decimal CustomsValue { get; init; }
    public required decimal Qty { get; init; }

    /// <summary>C-09 ad valorem duty rate.</summary>
    public decimal DutyRate { get; init; }

    /// <summary>C-09 specific duty per unit; with a non-zero <see cref="DutyRate"/> the duty is compound.</summary>
    public decimal? DutyPerUnit { get; init; }

    /// <summary>C-10 ad valorem consumption tax rate.</summary>
    public decimal CtRate { get; init; }

    /// <summary>C-10 specific consumption tax per unit.</summary>
    public decimal? CtPerUnit { get; init; }

    /// <summary>C-11: 13% or 9% per goods.</summary>
    public decimal VatRate { get; init; } = 0.13m;
}

/// <summary>C-09..C-11 results, each rounded; C-01: the total is the sum of the rounded parts.</summary>
public sealed record ImportTaxes(decimal Duty, decimal ConsumptionTax, decimal Vat)
{
    public static ImportTaxes Zero { get; } = new(0m, 0m, 0m);

    public decimal Total => Duty + ConsumptionTax + Vat;

    public ImportTaxes Add(ImportTaxes other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ImportTaxes(Duty + other.Duty, ConsumptionTax + other.ConsumptionTax, Vat + other.Vat);
    }
}

/// <summary>C-12: the seed article's arithmetic (AS-17), not an official formula.</summary>
public sealed record SeedArticleResult(decimal FobCny, decimal Gross, decimal Result);

/// <summary>C-13: the official 免抵退 computation for one period, kept to explain the seed example (W-00).</summary>
public sealed record OfficialComparison(decimal NonCreditable, decimal PayableVat, decimal Mdt, decimal EndCredit, decimal Refund, decimal ExemptOffset);
