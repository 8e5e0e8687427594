using System.Text.Json.Nodes;
using ExportTaxCheck.Returns.Case;
using ExportTaxCheck.Returns.Shared;
using ExportTaxCheck.Returns.Tests.Support;

namespace ExportTaxCheck.Returns.Tests.Persistence;

/// <summary>A stored case file holds what the service knows, not what it derives from it on every read.</summary>
public sealed class CaseFileJsonTests
{
    private static CaseFile File() => new() { Case = ReturnFixtures.CaseOf(ReturnFixtures.Line()), StatusReasons = ["E-05"] };

    [Fact]
    public void TheStoredJson_LeavesOutTheDerivedLines_DeclarationsAndHold()
    {
        var file = File();

        var stored = JsonNode.Parse(ReturnsJson.Serialize(file))!.AsObject();

        Assert.False(stored.ContainsKey("activeLines"));
        Assert.False(stored.ContainsKey("currentDeclarations"));
        Assert.False(stored.ContainsKey("currentHold"));
        Assert.True(stored.ContainsKey("case"));
        Assert.Equal(file.ActiveLines.Select(l => l.LineNo), ReturnsJson.Deserialize<CaseFile>(stored.ToJsonString()).ActiveLines.Select(l => l.LineNo));
    }

    [Fact]
    public void AFileStoredWithTheDerivedLists_ReadsAsBefore_AndDerivesThemAgain()
    {
        var stored = JsonNode.Parse(ReturnsJson.Serialize(File()))!.AsObject();
        stored["activeLines"] = new JsonArray();
        stored["currentDeclarations"] = new JsonArray();

        var read = ReturnsJson.Deserialize<CaseFile>(stored.ToJsonString());

        Assert.Equal(File().Case.Lines.Select(l => l.LineNo), read.ActiveLines.Select(l => l.LineNo));
        Assert.Equal(["E-05"], read.StatusReasons);
    }
}
