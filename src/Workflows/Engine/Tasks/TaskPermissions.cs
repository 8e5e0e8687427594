namespace ExportTaxCheck.Engine.Tasks;

/// <summary>What the actor may do with the task now (the buttons a page shows).</summary>
public sealed record TaskPermissions(bool Claim, bool Release, bool Complete, bool Assign, bool Comment);
