using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Certificates;
using ExportTaxCheck.Returns.Persistence;
using ExportTaxCheck.Returns.Shared;
using ExportTaxCheck.Returns.Tests.Support;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>
/// Case files and certificates parsed once per JSON: a row read again with the same JSON gives the document already
/// parsed; any other JSON is parsed afresh; what is written is what a later parse of the written JSON would give.
/// </summary>
public sealed class ParsedDocumentsTests
{
    private static CaseFile File(string message) => new()
    {
        Case = ReturnFixtures.CaseOf(ReturnFixtures.Line()),
        StatusReasons = ["E-05"],
        Timeline = [new CaseEvent { At = ReturnFixtures.CheckedAt, Kind = "Status", Status = ReturnCaseStatus.Submitted, Message = message, Codes = ["E-05"] }],
    };

    [Fact]
    public void TheSameJson_IsParsedOnce_AndOtherJsonAfresh()
    {
        var documents = new ParsedDocuments<CaseFile>(8);
        var json = ReturnsJson.Serialize(File("received"));

        var first = documents.Parse("RC-1", json);
        var again = documents.Parse("RC-1", new string(json.AsSpan()));
        var changed = documents.Parse("RC-1", ReturnsJson.Serialize(File("screened")));

        Assert.Same(first, again);
        Assert.NotSame(first, changed);
        Assert.Equal("screened", changed.Timeline[0].Message);
        Assert.Equal("received", documents.Parse("RC-2", json).Timeline[0].Message);
    }

    [Fact]
    public void AWrittenDocument_IsTakenForItsJson_AndEqualsItsParse()
    {
        var documents = new ParsedDocuments<Certificate>(8);
        var certificate = ReturnFixtures.Certificate();
        var json = ReturnsJson.Serialize(certificate);

        documents.Remember("app-1", json, certificate);

        Assert.Same(certificate, documents.Parse("app-1", json));
        // What a step keeps after writing must be what a reader would parse from the row.
        Assert.Equal(json, ReturnsJson.Serialize(ReturnsJson.Deserialize<Certificate>(json)));
        Assert.Equal(ReturnsJson.Serialize(File("x")), ReturnsJson.Serialize(ReturnsJson.Deserialize<CaseFile>(ReturnsJson.Serialize(File("x")))));
    }

    [Fact]
    public void Holds_OnlyTheVeryDocumentOfTheRowsJson()
    {
        var documents = new ParsedDocuments<Certificate>(8);
        var json = ReturnsJson.Serialize(ReturnFixtures.Certificate());
        var parsed = documents.Parse("app-1", json);

        Assert.True(documents.Holds("app-1", json, parsed));
        // An equal certificate made elsewhere may differ from what the row holds the next time; only the instance counts.
        Assert.False(documents.Holds("app-1", json, ReturnsJson.Deserialize<Certificate>(json)));
        Assert.False(documents.Holds("app-2", json, parsed));
        var changed = parsed with { CertificateNo = "C-2" };
        documents.Remember("app-1", ReturnsJson.Serialize(changed), changed);
        Assert.False(documents.Holds("app-1", json, parsed));
        Assert.True(documents.Holds("app-1", ReturnsJson.Serialize(changed), changed));
    }

    [Fact]
    public void PastItsCapacity_TheLeastRecentlyUsedGoFirst()
    {
        var documents = new ParsedDocuments<CaseFile>(2);
        var json = ReturnsJson.Serialize(File("received"));
        var a = documents.Parse("RC-A", json);
        var b = documents.Parse("RC-B", json);
        documents.Parse("RC-A", json);

        documents.Parse("RC-C", json);

        Assert.Equal(2, documents.Count);
        Assert.Same(a, documents.Parse("RC-A", json));
        Assert.NotSame(b, documents.Parse("RC-B", json));
    }
}
