namespace ExportTaxCheck.Returns.Case;

/// <summary>One competent authority as the exporter mails name it: its name and address in both languages and its phone.</summary>
public sealed class AuthorityContact
{
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string Phone { get; set; } = "";
    public string AddressZh { get; set; } = "";
    public string AddressEn { get; set; } = "";
}
