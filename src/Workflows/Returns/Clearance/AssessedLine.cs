using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Returns.Clearance;

/// <summary>One line at clearance with the return declaration filed for it (if any).</summary>
public sealed record AssessedLine(ReturnDeclaration? Declaration, LineClearance Clearance);
