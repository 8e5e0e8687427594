namespace ExportTaxCheck.Returns.Intake;

/// <summary><c>POST /api/cases</c>: the exporter's return request (§5.1 header, §5.2 lines, §5.3 evidence).</summary>
public sealed record CreateCaseRequest
{
    public string? ExporterUscc { get; init; }
    public string? ExporterCustomsCode { get; init; }
    public string? ExporterName { get; init; }
    public EnterpriseType EnterpriseType { get; init; } = EnterpriseType.Trading;
    public bool IsEntrustedExport { get; init; }
    public string? AgentUscc { get; init; }
    public string? CompetentTaxAuthorityCode { get; init; }

    /// <summary>The exporter's e-mail address for notifications of every step.</summary>
    public string? ContactEmail { get; init; }

    public bool AttestationAccepted { get; init; }
    public List<CaseLineRequest>? Lines { get; init; }
    public List<DocumentRequest>? Documents { get; init; }
}
