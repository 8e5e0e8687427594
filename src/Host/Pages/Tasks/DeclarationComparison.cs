using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.CrossCheck;

namespace ExportTaxCheck.Host.Pages.Tasks;

/// <summary>A return declaration beside the certificate it presents, field by field, with the last cross-check of the two.</summary>
public sealed record DeclarationComparison(ReturnDeclaration Declaration, Certificate? Certificate, CrossCheckResult? Check, IReadOnlyList<FieldComparison> Fields);
