using System.Xml.Linq;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Shared;

namespace ExportTaxCheck.Returns.Tests.Shared;

/// <summary>Timeline sentences kept as data read in each language; the catalogue has every sentence in both.</summary>
public sealed class CaseTextTests
{
    [Fact]
    public void Sentence_WithAnAmountAndAWord_ReadsInEachLanguage()
    {
        var text = CaseText.Of("MakeUp.Confirmed", CaseText.Word(ExportTaxCheck.Returns.MakeUp.MakeUpMethod.Offset));

        Assert.Equal("The tax officer confirmed the make-up (Offset); the exporter applies for the certificate.", text.In(DisplayTexts.English));
        Assert.Equal("税务机关已确认补税（已冲减）；出口企业申请证明。", text.In(DisplayTexts.Chinese));
    }

    [Fact]
    public void NestedSentences_AndLists_ReadInTheSameLanguage()
    {
        var issued = CaseText.Of("Certificate.Issued", CaseText.List([
            CaseText.Of("Certificate.Item", "BTZM-1", CaseText.Word(CertificateVariant.TaxPaid)),
            CaseText.Of("Certificate.Item", "BTZM-2", CaseText.Word(CertificateVariant.NotRefunded))]));

        Assert.Equal("证明已开具：BTZM-1（已补税）, BTZM-2（未退税）。", issued.In(DisplayTexts.Chinese));
        Assert.Equal("Certificate issued: BTZM-1 (Tax paid), BTZM-2 (Not refunded).", issued.In(DisplayTexts.English));
    }

    [Fact]
    public void Event_RecordedBeforeSentencesWereData_HasOnlyItsMessage()
    {
        var old = new CaseEvent { At = DateTimeOffset.UnixEpoch, Kind = "Status", Message = "The case is Matched." };
        var kept = new CaseEvent { At = DateTimeOffset.UnixEpoch, Kind = "Status", Message = "x", Text = "Evidence.Missing", Args = ["2026-08-16"] };

        Assert.Null(old.TextIn(DisplayTexts.Chinese));
        Assert.Equal("单证不齐全，请于 2026-08-16 前补正。", kept.TextIn(DisplayTexts.Chinese));
    }

    [Fact]
    public void Comment_IsShownAsWritten_InBothLanguages()
    {
        var text = CaseText.OrComment("附件缺少发票", CaseText.Of("Evidence.Rejected"));

        Assert.Equal("附件缺少发票", text.In(DisplayTexts.English));
        Assert.Equal("The officer rejected the evidence.", CaseText.OrComment("  ", CaseText.Of("Evidence.Rejected")).In(DisplayTexts.English));
    }

    [Fact]
    public void EveryCatalogueKey_HasItsChineseText_AndTheSameArguments()
    {
        var folder = Path.Combine(Repository.Root, "src", "Workflows", "Returns", "Shared");
        var english = Entries(Path.Combine(folder, "DisplayTexts.resx"));
        var chinese = Entries(Path.Combine(folder, "DisplayTexts.zh-CN.resx"));

        Assert.Empty(english.Keys.Except(chinese.Keys));
        foreach (var (key, text) in english)
            Assert.True(Placeholders(text).SetEquals(Placeholders(chinese[key])), $"{key}: the languages take different arguments.");
    }

    private static Dictionary<string, string> Entries(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Value)];
}
