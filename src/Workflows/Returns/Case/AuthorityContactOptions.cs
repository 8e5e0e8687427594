namespace ExportTaxCheck.Returns.Case;

/// <summary>
/// <c>Returns:Authorities</c>: the customs office and the tax authority every exporter mail gives as contact. A tax
/// authority listed under the case's <c>competentTaxAuthorityCode</c> in <see cref="TaxByCode"/> wins over <see cref="Tax"/>.
/// The defaults name the competent offices generally with the national service hotlines (customs 12360, tax 12366) and
/// where to find the local office; a deployment sets its own offices.
/// </summary>
public sealed class AuthorityContactOptions
{
    public AuthorityContact Customs { get; set; } = new()
    {
        NameZh = "主管海关（办理退运申报的海关）",
        NameEn = "the competent customs office (where the return is declared)",
        Phone = "12360",
        AddressZh = "各海关地址见海关总署网站 www.customs.gov.cn",
        AddressEn = "office addresses at www.customs.gov.cn",
    };

    public AuthorityContact Tax { get; set; } = new()
    {
        NameZh = "主管税务机关",
        NameEn = "the competent tax authority",
        Phone = "12366",
        AddressZh = "各税务机关地址见国家税务总局网站 www.chinatax.gov.cn 或电子税务局",
        AddressEn = "office addresses at www.chinatax.gov.cn or in the e-Tax bureau",
    };

    /// <summary>Tax authorities by their 11-digit code (the case's <c>competentTaxAuthorityCode</c>).</summary>
    public Dictionary<string, AuthorityContact> TaxByCode { get; set; } = new(StringComparer.Ordinal);

    public AuthorityContact TaxFor(string? code) => code is not null && TaxByCode.TryGetValue(code, out var tax) ? tax : Tax;
}
