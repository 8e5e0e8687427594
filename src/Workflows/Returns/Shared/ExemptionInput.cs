namespace ExportTaxCheck.Returns.Shared;

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
