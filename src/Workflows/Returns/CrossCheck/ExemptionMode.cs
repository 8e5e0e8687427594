namespace ExportTaxCheck.Returns.CrossCheck;

/// <summary>Stage 9: the exemption mode on the return declaration (全免).</summary>
public enum ExemptionMode
{
    FullExemption,
}
