namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary><c>GET /api/refund-declarations</c>: processed refund declarations, newest first.</summary>
public sealed record RefundDeclarationPage(IReadOnlyList<RefundDeclarationResult> Items, int TotalCount, int Page, int PageSize);
