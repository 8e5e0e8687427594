namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary><c>POST /api/refund-declarations</c>: tax records refund declarations it processed on export lines (E-15).</summary>
public sealed record RefundDeclarationRequest
{
    public List<RefundClaimRequest>? Lines { get; init; }
}
