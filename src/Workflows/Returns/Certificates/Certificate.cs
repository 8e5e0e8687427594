namespace ExportTaxCheck.Returns.Certificates;

/// <summary>
/// §5.5/§5.6: the certificate from application to use. Transition methods return the next state or a refusal
/// code and never change this instance; for issuance use <see cref="CertificateRegistry"/>, which checks the
/// refund status, make-up and quantities first.
/// </summary>
public sealed record Certificate
{
    public required Guid ApplicationId { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public IReadOnlyList<string> SelfCheckErrors { get; init; } = [];
    public bool SelfCheckPassed => Status != CertificateStatus.Applied && SelfCheckErrors.Count == 0;

    /// <summary>Null until issued; placeholder format <see cref="CertificateNumber"/>.</summary>
    public string? CertificateNo { get; init; }
    public required CertificateVariant Variant { get; init; }
    public required CertificateRefundStatus RefundStatusOnCert { get; init; }
    public CertificatePurpose Purpose { get; init; } = CertificatePurpose.Return;
    public required string IssuingTaxAuthorityCode { get; init; }
    public string IssuingTaxAuthorityName { get; init; } = "";
    public required string EnterpriseUscc { get; init; }
    public required string EnterpriseName { get; init; }
    public required string EnterpriseCustomsCode { get; init; }

    /// <summary>A-19: the agent of an entrusted export, who may be the consignee on the return declaration.</summary>
    public string? AgentUscc { get; init; }

    public ExportDocType ExportDocType { get; init; } = ExportDocType.Declaration;
    public string? ExportDeclarationNo { get; init; }
    public string? ExportListNo { get; init; }

    public DateOnly? IssuedOn { get; init; }
    public DateTimeOffset? IssuedAt { get; init; }
    public DateTimeOffset? TransmittedAt { get; init; }
    public CertificateStatus Status { get; init; } = CertificateStatus.Applied;
    public string? ReservedForDeclarationNo { get; init; }
    public DateOnly? UsedOn { get; init; }
    public Channel? UsedChannel { get; init; }
    public string? SealSignature { get; init; }
    public IReadOnlyList<string> RefusalReasons { get; init; } = [];

    public required IReadOnlyList<CertificateLine> Lines { get; init; }

    /// <summary>E-17: the one export document the certificate covers.</summary>
    public string ExportDocNo => (ExportDocType == ExportDocType.List ? ExportListNo : ExportDeclarationNo) ?? "";

    public IEnumerable<ExportLineKey> LineKeys => Lines.Select(l => new ExportLineKey(ExportDocNo, l.ExportItemNo));

    /// <summary>Issued and not yet used: a refund on a line it covers must be pushed to customs when it is NotRefunded .</summary>
    public bool IsUnused => Status is CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved;

    /// <summary>Issued and not cancelled or refused: it counts against the export line's quantity.</summary>
    public bool IsLive => Status is CertificateStatus.Issued or CertificateStatus.Transmitted or CertificateStatus.Reserved or CertificateStatus.Used;

    /// <summary>Stage 6 数据自检: with no V-code errors the application goes to the tax officer.</summary>
    public CertificateTransition CompleteSelfCheck(IReadOnlyList<string> errorCodes)
    {
        if (Status != CertificateStatus.Applied)
            return Refuse(ReasonCodes.CertInvalidTransition);
        var checkedApplication = this with { SelfCheckErrors = errorCodes };
        return errorCodes.Count == 0
            ? CertificateTransition.Ok(checkedApplication with { Status = CertificateStatus.UnderReview })
            : CertificateTransition.Refused(checkedApplication, [ReasonCodes.SelfCheckFailed, .. errorCodes]);
    }

    /// <summary>UnderReview → Issued. State only: <see cref="CertificateRegistry.Issue"/> runs E-14/E-15/V-15 first.</summary>
    public CertificateTransition Approve(string certificateNo, DateOnly issuedOn, DateTimeOffset issuedAt) =>
        Status == CertificateStatus.UnderReview
            ? CertificateTransition.Ok(this with { Status = CertificateStatus.Issued, CertificateNo = certificateNo, IssuedOn = issuedOn, IssuedAt = issuedAt })
            : Refuse(ReasonCodes.CertInvalidTransition);

    /// <summary>UnderReview → Refused [terminal].</summary>
    public CertificateTransition RefuseApplication(IReadOnlyList<string> reasons) =>
        Status == CertificateStatus.UnderReview
            ? CertificateTransition.Ok(this with { Status = CertificateStatus.Refused, RefusalReasons = reasons })
            : Refuse(ReasonCodes.CertInvalidTransition);

    /// <summary>Issued → Transmitted on the customs ACK; a repeated ACK is harmless.</summary>
    public CertificateTransition MarkTransmitted(DateTimeOffset ackAt) => Status switch
    {
        CertificateStatus.Issued => CertificateTransition.Ok(this with { Status = CertificateStatus.Transmitted, TransmittedAt = ackAt }),
        CertificateStatus.Transmitted => CertificateTransition.Ok(this),
        _ => Refuse(StatusRefusal() ?? ReasonCodes.CertInvalidTransition),
    };

    /// <summary>A-17, A-20: a match reserves the certificate to declaration D; re-reserving for the same D is idempotent.</summary>
    public CertificateTransition Reserve(string returnDeclarationNo) => Status switch
    {
        CertificateStatus.Issued or CertificateStatus.Transmitted =>
            CertificateTransition.Ok(this with { Status = CertificateStatus.Reserved, ReservedForDeclarationNo = returnDeclarationNo }),
        CertificateStatus.Reserved when ReservedForDeclarationNo == returnDeclarationNo => CertificateTransition.Ok(this),
        CertificateStatus.Reserved => Refuse(ReasonCodes.CertBoundToOtherDeclaration),
        _ => Refuse(StatusRefusal() ?? ReasonCodes.CertInvalidTransition),
    };

    /// <summary>
    /// Reserved(D) → Transmitted when D is withdrawn or rejected before release (AS-12). A certificate that never
    /// reached customs electronically (paper path) goes back to Issued instead.
    /// </summary>
    public CertificateTransition ReleaseReservation(string returnDeclarationNo) =>
        Status == CertificateStatus.Reserved && ReservedForDeclarationNo == returnDeclarationNo
            ? CertificateTransition.Ok(this with
            {
                Status = TransmittedAt is null ? CertificateStatus.Issued : CertificateStatus.Transmitted,
                ReservedForDeclarationNo = null,
            })
            : Refuse(Status == CertificateStatus.Reserved ? ReasonCodes.CertBoundToOtherDeclaration : ReasonCodes.CertInvalidTransition);

    /// <summary>A-20: Reserved(D) → Used at customs release of D [terminal].</summary>
    public CertificateTransition MarkUsed(string returnDeclarationNo, DateOnly releasedOn, Channel channel) => Status switch
    {
        CertificateStatus.Reserved when ReservedForDeclarationNo == returnDeclarationNo =>
            CertificateTransition.Ok(this with { Status = CertificateStatus.Used, UsedOn = releasedOn, UsedChannel = channel }),
        CertificateStatus.Used when ReservedForDeclarationNo == returnDeclarationNo => CertificateTransition.Ok(this),
        CertificateStatus.Reserved => Refuse(ReasonCodes.CertBoundToOtherDeclaration),
        _ => Refuse(StatusRefusal() ?? ReasonCodes.CertInvalidTransition),
    };

    /// <summary>
    /// Stage 12, tax side: customs reports that declaration D was released with the certificate. The use of a paper
    /// check reaches tax only with this report, so tax may still see the certificate Issued or Transmitted. A use by
    /// another declaration than the one it is reserved for or used by is a double use; a use of a cancelled one too.
    /// </summary>
    public CertificateTransition RegisterUse(string returnDeclarationNo, DateOnly releasedOn, Channel channel) => Status switch
    {
        CertificateStatus.Issued or CertificateStatus.Transmitted =>
            CertificateTransition.Ok(this with { Status = CertificateStatus.Used, ReservedForDeclarationNo = returnDeclarationNo, UsedOn = releasedOn, UsedChannel = channel }),
        CertificateStatus.Reserved or CertificateStatus.Used when ReservedForDeclarationNo == returnDeclarationNo =>
            CertificateTransition.Ok(this with { Status = CertificateStatus.Used, UsedOn = UsedOn ?? releasedOn, UsedChannel = UsedChannel ?? channel }),
        CertificateStatus.Reserved or CertificateStatus.Used => Refuse(ReasonCodes.DoubleUseDetected),
        CertificateStatus.Cancelled => Refuse(ReasonCodes.CertCancelled),
        _ => Refuse(StatusRefusal() ?? ReasonCodes.CertInvalidTransition),
    };

    /// <summary>E-19: 作废 is possible for Issued or Transmitted certificates only.</summary>
    public CertificateTransition Cancel() => CheckCancelOrReissue() is { } refusal
        ? Refuse(refusal)
        : CertificateTransition.Ok(this with { Status = CertificateStatus.Cancelled });

    /// <summary>E-19: null when TAX may grant a cancellation or reissue, else the refusal code.</summary>
    public string? CheckCancelOrReissue() => Status switch
    {
        CertificateStatus.Issued or CertificateStatus.Transmitted => null,
        CertificateStatus.Used => ReasonCodes.CertAlreadyUsed,
        CertificateStatus.Reserved => ReasonCodes.CertReserved,
        _ => StatusRefusal() ?? ReasonCodes.CertInvalidTransition,
    };

    private string? StatusRefusal() => Status switch
    {
        CertificateStatus.Used => ReasonCodes.CertAlreadyUsed,
        CertificateStatus.Cancelled => ReasonCodes.CertCancelled,
        CertificateStatus.Applied or CertificateStatus.UnderReview or CertificateStatus.Refused => ReasonCodes.CertNotIssued,
        _ => null,
    };

    private CertificateTransition Refuse(string code) => CertificateTransition.Refused(this, [code]);
}
