using ExportTaxCheck.Engine.Runtime.Alterations;

namespace ExportTaxCheck.Host.Api.Alterations;

/// <summary>Elsa's answer to running alterations: what each instance's alterations did.</summary>
public sealed record AlterationsResponse(IReadOnlyList<AlterationResult> Results);
