namespace ExportTaxCheck.Returns.MakeUp;

/// <summary>C-13: the official 免抵退 computation for one period, kept to explain the seed example (W-00).</summary>
public sealed record OfficialComparison(decimal NonCreditable, decimal PayableVat, decimal Mdt, decimal EndCredit, decimal Refund, decimal ExemptOffset);
