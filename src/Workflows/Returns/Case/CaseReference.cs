using ExportTaxCheck.Engine.Notifications;

namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// How the engine's generic references name a return case: outbox mails and officer notices about a case carry
/// <see cref="Type"/> and the case id (the case's instances are correlated by the case id, so a flow's own mail and its
/// tasks' notices refer to the case too), and a case mail carries the header <c>X-ExportTaxCheck-Case</c>.
/// </summary>
public static class CaseReference
{
    public const string Type = "Case";

    /// <summary>The word officers read in a task notice ("for case RC-2026-000001").</summary>
    public const string Noun = "case";

    public static Reference Of(string caseId) => new(Type, caseId);

    /// <summary>The case a row's reference names; null for a row about something else.</summary>
    public static string? CaseIdOf(string? referenceType, string? referenceId) => referenceType == Type ? referenceId : null;
}
