namespace ExportTaxCheck.Returns.Evidence;

public enum EvidenceType
{
    ExportDeclaration,
    ExportList,
    SelfDeclaration,
    PlatformReturnRecord,
    PlatformRejectionRecord,
    ReturnAgreement,
    OtherReturnEvidence,
    QualityDefectEvidence,
    TrialReturnEvidence,
    InspectionReport,
    PaperCertificateScan,
}
