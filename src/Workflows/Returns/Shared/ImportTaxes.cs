namespace ExportTaxCheck.Returns.Shared;

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
