using ExportTaxCheck.Workflows.Returns.Customs;

namespace ExportTaxCheck.Workflows.Returns.Cases;

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

public sealed record CaseLineRequest
{
    public int LineNo { get; init; }
    public ExportDocType ExportDocType { get; init; } = ExportDocType.Declaration;
    public string? ExportDeclarationNo { get; init; }
    public string? ExportListNo { get; init; }
    public int ExportItemNo { get; init; }
    public decimal ReturnedQty { get; init; }
    public string? ReturnUnitCode { get; init; }
    public ReturnReason? Reason { get; init; }
    public DateOnly? PlannedEntryDate { get; init; }
    public ReturnDestination Destination { get; init; } = ReturnDestination.DomesticNonZone;
    public DateOnly? ReturnIntoNonZoneDate { get; init; }
    public string? ReturnHsCode { get; init; }
    public string? ReturnGoodsName { get; init; }
    public bool? IsFoodOverride { get; init; }
    public bool FormBasicallySame { get; init; } = true;
    public bool AccessoriesAdded { get; init; }
    public bool ProcessedOrModified { get; init; }
    public List<Handling>? HandlingPerformed { get; init; }
    public bool Used { get; init; }
    public UsageException UsageException { get; init; } = UsageException.None;
    public decimal DeclaredCifForeign { get; init; }

    public string? ExportReference => ExportDocType == ExportDocType.List ? ExportListNo : ExportDeclarationNo;
}

/// <summary>Evidence metadata (§5.3), with the file inline as base64 or as the file part of a multipart upload.</summary>
public sealed record DocumentRequest
{
    public EvidenceType? Type { get; init; }
    public List<int>? CoversLines { get; init; }
    public List<string>? ExportReferences { get; init; }
    public List<LineQuantity>? StatedQuantities { get; init; }
    public string? Platform { get; init; }
    public string? PlatformOrderNo { get; init; }
    public DateOnly? IssuedOn { get; init; }
    public string? SignedBy { get; init; }
    public string? FileName { get; init; }
    public string? ContentType { get; init; }
    public string? ContentBase64 { get; init; }
}

/// <summary><c>POST /api/cases/{id}/certificates/{no}/cancel</c>: 作废, optionally with the quantities the new application will carry (AS-14).</summary>
public sealed record CancelCertificateRequest
{
    public string? Reason { get; init; }
    public List<LineQuantity>? CorrectedQuantities { get; init; }
}

public sealed record ReissueCertificateRequest
{
    public string? Reason { get; init; }
}

/// <summary><c>POST /api/cases/{id}/paper-certificates</c>: the exporter hands in the paper certificate after an outage (E-18).</summary>
public sealed record PaperCertificateRequest
{
    public string? CertificateNo { get; init; }
}

public sealed record DocumentDecisionRequest
{
    public bool Accepted { get; init; }
}

/// <summary>The file bytes of an upload, already read and size-checked by the Host.</summary>
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content);

public sealed record ReturnDeclarationRequest
{
    public ReturnDeclaration? Declaration { get; init; }
}
