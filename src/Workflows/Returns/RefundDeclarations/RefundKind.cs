namespace ExportTaxCheck.Returns.RefundDeclarations;

/// <summary>What tax processed on an export line (G-31..G-34): a 免退税 refund, an HWC-YT pre-refund or a 免抵退 credit.</summary>
public enum RefundKind
{
    Refund,
    PreRefundHwc,
    Credit,
}
