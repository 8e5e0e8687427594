namespace ExportTaxCheck.Returns.Persistence;

/// <summary>A refund declaration tax processed (E-15): who declared it and, per export line, what was accepted and refused.</summary>
public sealed class RefundDeclarationRecord
{
    public required string Id { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
    public required string DeclaredBy { get; set; }

    /// <summary>The export documents the declaration's lines are on, separated by spaces (for the list's filter).</summary>
    public required string ExportDocNos { get; set; }

    /// <summary>The <see cref="RefundDeclarations.RefundDeclarationResult"/>.</summary>
    public required string Data { get; set; }
}
