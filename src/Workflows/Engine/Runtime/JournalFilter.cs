namespace ExportTaxCheck.Engine.Runtime;

/// <summary>
/// Which journal events to list (Elsa's JournalFilter): of these activities or nodes, not of these activity types, of
/// these events (<c>Faulted</c> alone: the incidents).
/// </summary>
public sealed record JournalFilter(
    IReadOnlyList<string>? ActivityIds = null,
    IReadOnlyList<string>? ActivityNodeIds = null,
    IReadOnlyList<string>? ExcludedActivityTypes = null,
    IReadOnlyList<string>? EventNames = null);
