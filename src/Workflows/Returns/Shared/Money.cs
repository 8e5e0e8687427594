namespace ExportTaxCheck.Returns.Shared;

public static class Money
{
    // C-01: half away from zero to the fen; Math.Round's default (to even) fails AS-04.
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>V-07: non-negative with at most 2 decimals.</summary>
    public static bool IsValidAmount(decimal value) => value >= 0 && decimal.Round(value, 2) == value;
}
