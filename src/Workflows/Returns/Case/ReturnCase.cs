namespace ExportTaxCheck.Returns.Case;

/// <summary>§5.1: the return case header (G-57).</summary>
public sealed record ReturnCase
{
    /// <summary>The header value when lines fall under different policy versions (§5.1).</summary>
    public const string MixedPolicyVersions = "MIXED";

    public required string CaseId { get; init; }
    public required string ExporterUscc { get; init; }
    public required string ExporterCustomsCode { get; init; }
    public required string ExporterName { get; init; }
    public EnterpriseType EnterpriseType { get; init; }
    public bool IsEntrustedExport { get; init; }
    public string? AgentUscc { get; init; }
    public required string CompetentTaxAuthorityCode { get; init; }

    /// <summary>Where the exporter's e-mail notifications go; none are sent without it.</summary>
    public string? ContactEmail { get; init; }

    public ReturnCaseStatus Status { get; init; } = ReturnCaseStatus.Draft;
    public bool AttestationAccepted { get; init; }
    public DateTimeOffset? AttestedAt { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public IReadOnlyList<ReturnCaseLine> Lines { get; init; } = [];

    /// <summary>Derived per line by E-01: the common value, <see cref="MixedPolicyVersions"/>, or null before screening.</summary>
    public string? PolicyVersionId
    {
        get
        {
            var ids = Lines.Select(l => l.Eligibility?.PolicyVersionId).Where(id => id is not null).Distinct().ToList();
            return ids.Count switch { 0 => null, 1 => ids[0], _ => MixedPolicyVersions };
        }
    }
}
